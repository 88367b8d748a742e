using Microsoft.Extensions.DependencyInjection;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Tus;

/// <summary>
/// VideoVault's tus endpoints on two real loopback Kestrel hosts over their own roots: one with the default expiry, one
/// whose uploads expire after <see cref="TusServers.Expiry"/>.
/// </summary>
public sealed class VideoVaultTusServer : ITusServer, IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private readonly TempDirectory _expiringRoot = new();

    internal VideoVaultTestHost Host { get; private set; } = null!;

    internal VideoVaultTestHost ExpiringHost { get; private set; } = null!;

    public string Root => _root.Path;

    public string ExpiringRoot => _expiringRoot.Path;

    public Uri Uploads => new(Host.BaseAddress, "/api/uploads");

    public Uri ExpiringUploads => new(ExpiringHost.BaseAddress, "/api/uploads");

    public long MaxSize => TusServers.MaxSize;

    public IStagedUploadStore ExpiringStore => ExpiringHost.Services.GetRequiredService<IStagedUploadStore>();

    public async Task InitializeAsync()
    {
        Host = await VideoVaultTestHost.StartAsync(_root.Path, options => options.MaxFileSizeBytes = TusServers.MaxSize);
        ExpiringHost = await VideoVaultTestHost.StartAsync(_expiringRoot.Path, options =>
        {
            options.MaxFileSizeBytes = TusServers.MaxSize;
            options.ResumableUploadExpiry = TusServers.Expiry;
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await ExpiringHost.DisposeAsync();
        _root.Dispose();
        _expiringRoot.Dispose();
    }

    /// <summary>The SHA-256 VideoVault recorded for the video the upload became, checked against the stored file's bytes.</summary>
    public async Task<string> StoredSha256Async(Uri upload)
    {
        using var client = TusClient.Create();
        using var response = await client.SendAsync(TusClient.Request(HttpMethod.Get, upload));
        var video = await response.JsonAsync(System.Net.HttpStatusCode.OK);
        var recorded = video.GetProperty("sha256").GetString()!;
        var file = Path.Combine(upload.Host == ExpiringHost.BaseAddress.Host && upload.Port == ExpiringHost.BaseAddress.Port ? ExpiringRoot : Root,
            video.GetProperty("local_backup").GetString()!);
        await using var stream = File.OpenRead(file);
        Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stream))
            .Should().Be(recorded, "the recorded hash is the stored file's");
        return recorded;
    }
}
