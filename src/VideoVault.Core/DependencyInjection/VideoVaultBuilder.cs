using Microsoft.Extensions.DependencyInjection;

namespace VideoVault.DependencyInjection;

/// <summary>The builder handed to plug-ins after <c>AddVideoVault</c>.</summary>
internal sealed class VideoVaultBuilder(IServiceCollection services) : IVideoVaultBuilder
{
    public IServiceCollection Services { get; } = services;
}
