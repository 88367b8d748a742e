namespace VideoVault.DependencyInjection;

/// <summary>Registered by the first <c>AddVideoVault</c> call so that repeated calls add nothing twice.</summary>
internal sealed class VideoVaultMarker;
