using Microsoft.Extensions.DependencyInjection;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>Reads a store's audit trail the way the admin tool does: the library built through DI over the root, no host.</summary>
internal static class AuditTrail
{
    /// <summary>Every entry, oldest first. Call it once the host that wrote them has stopped.</summary>
    public static async Task<IReadOnlyList<VideoEvent>> ReadAsync(string root)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVideoVault(options =>
        {
            options.RootPath = root;
            options.MinFreeSpaceBytes = 0;
        });
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IVideoManifest>().GetEventsAsync(new VideoEventQuery());
    }
}
