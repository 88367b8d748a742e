using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VideoVault.AspNetCore.Hosting;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Tunes Kestrel for hosts whose main job is taking in large uploads.</summary>
public static class VideoVaultWebHostBuilderExtensions
{
    /// <summary>
    /// Makes Kestrel's socket transport read request bodies in 64 KiB blocks instead of 4 KiB ones, which roughly
    /// halves the CPU a large upload costs before VideoVault even sees it (see the README's Performance section).
    /// The price is memory per connection: a busy connection holds up to a few 64 KiB blocks, and with
    /// <c>WaitForDataBeforeAllocatingBuffer</c> off an idle keep-alive connection holds one. Leave it out for
    /// hosts with many thousands of idle connections.
    /// </summary>
    /// <param name="builder">The host's web host builder (<c>WebApplicationBuilder.WebHost</c>).</param>
    /// <returns>The same builder.</returns>
    public static IWebHostBuilder UseVideoVaultKestrelTuning(this IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>()));

        // Allocate the block and post the receive at once rather than first waiting for data with a zero-byte read:
        // one system call per block instead of two.
        return builder.UseSockets(sockets => sockets.WaitForDataBeforeAllocatingBuffer = false);
    }
}
