using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using VideoVault.Tests;
using VideoVault.Tests.Mirroring;
using Xunit;

namespace VideoVault.Core.Tests.Uploads;

/// <summary>The host's upkeep of resumable uploads: expiry at start-up and on its timer, and recovery of finished ones.</summary>
public sealed class UploadExpiryServiceTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task An_upload_idle_past_its_expiry_is_removed_at_start_up_and_another_by_the_periodic_sweep()
    {
        using var host = BuildHost();
        var uploads = host.Services.GetRequiredService<IStagedUploadStore>();
        var stale = await CreateWithBytesAsync(uploads, 5000);
        _time.Advance(TimeSpan.FromHours(3));
        var fresh = await CreateWithBytesAsync(uploads, 5000);

        await host.StartAsync();
        await Poll.UntilAsync(() => uploads.GetAsync(stale), r => r.Outcome == StagedUploadOutcome.Unknown, TimeSpan.FromSeconds(10), r => r.Outcome.ToString());
        (await uploads.GetAsync(fresh)).Outcome.Should().Be(StagedUploadOutcome.Accepted);

        // The sweep runs every quarter of the expiry (30 minutes for 2 hours); the fresh upload expires 2 hours after its creation.
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(30));
        }

        await Poll.UntilAsync(() => uploads.GetAsync(fresh), r => r.Outcome == StagedUploadOutcome.Unknown, TimeSpan.FromSeconds(10), r => r.Outcome.ToString());
        Directory.GetFiles(Path.Combine(_root.Path, ".incoming", "resumable")).Should().BeEmpty();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_finished_upload_without_its_video_is_published_at_start_up_and_stray_files_are_removed()
    {
        using var host = BuildHost();
        var uploads = host.Services.GetRequiredService<IStagedUploadStore>();
        var content = TestVideos.Mp4(6000, seed: 21);
        var created = await uploads.CreateAsync(new StagedUploadRequest("done.mp4") { Length = content.Length });
        (await uploads.AppendAsync(created.Upload!.Id, 0, new MemoryStream(content))).Outcome.Should().Be(StagedUploadOutcome.Accepted);
        var stray = Path.Combine(_root.Path, ".incoming", "resumable", "0123456789abcdef0123456789abcdef.part");
        await File.WriteAllBytesAsync(stray, [1, 2, 3]);

        await host.StartAsync();
        var completed = await Poll.UntilAsync(
            () => uploads.GetAsync(created.Upload.Id), r => r.Upload?.State == StagedUploadState.Completed, TimeSpan.FromSeconds(10), r => r.Outcome.ToString());

        var video = await host.Services.GetRequiredService<IVideoStore>().FindAsync(completed.Upload!.VideoId!);
        video!.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
        File.Exists(stray).Should().BeFalse();
        await host.StopAsync();
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddVideoVault(o =>
        {
            o.RootPath = _root.Path;
            o.MinFreeSpaceBytes = 0;
            o.ResumableUploadExpiry = TimeSpan.FromHours(2);
        });
        return builder.Build();
    }

    private static async Task<string> CreateWithBytesAsync(IStagedUploadStore uploads, int length)
    {
        var content = TestVideos.Mp4(length * 2);
        var created = await uploads.CreateAsync(new StagedUploadRequest("idle.mp4") { Length = content.Length });
        (await uploads.AppendAsync(created.Upload!.Id, 0, new MemoryStream(content, 0, length))).Outcome.Should().Be(StagedUploadOutcome.Accepted);
        return created.Upload.Id;
    }
}
