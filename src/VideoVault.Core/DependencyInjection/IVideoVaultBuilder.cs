using Microsoft.Extensions.DependencyInjection;

namespace VideoVault;

/// <summary>Returned by <c>AddVideoVault</c>: the place where plug-ins (such as the Google Drive mirror) are added.</summary>
public interface IVideoVaultBuilder
{
    /// <summary>The host's service collection.</summary>
    IServiceCollection Services { get; }
}
