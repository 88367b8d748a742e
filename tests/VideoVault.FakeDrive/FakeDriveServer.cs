namespace VideoVault.FakeDrive;

/// <summary>A Drive v3 fake for tests (placeholder until implemented).</summary>
public sealed class FakeDriveServer;
