using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using VideoVault.Events;
using VideoVault.Manifest;

namespace VideoVault.Tests.Hosting;

public sealed class VideoVaultStartupTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Second_host_on_the_same_root_fails_to_start_saying_another_host_is_running_and_starts_once_the_first_stopped()
    {
        // Regression: two hosts on one root each swept the other's in-flight temp files and recovered its mirror claims.
        using var first = BuildHost();
        await first.StartAsync();
        using var second = BuildHost();

        var act = () => second.StartAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().ContainEquivalentOf($"another VideoVault host is running on {_root.Path}");
        await first.StopAsync();
        using var third = BuildHost();
        await third.StartAsync();
        var stored = await third.Services.GetRequiredService<IVideoStore>().SaveAsync(new VideoUpload(new MemoryStream(TestVideos.Mp4()), "after.mp4"));
        await third.StopAsync();
        stored.IsStored.Should().BeTrue();
    }

    [Fact]
    public async Task Lock_file_in_the_root_is_never_adopted_as_a_video()
    {
        using var first = BuildHost();
        await first.StartAsync();
        await first.StopAsync();
        using var restarted = BuildHost();
        await restarted.StartAsync();

        var report = await restarted.Services.GetRequiredService<IVideoMaintenance>().ReconcileAsync(ReconcileOptions.AtStartup);
        await restarted.StopAsync();

        File.Exists(Path.Combine(_root.Path, ".lock")).Should().BeTrue();
        report.AdoptedFiles.Should().BeEmpty();
        (await restarted.Services.GetRequiredService<IVideoStore>().ListAsync(new VideoQuery())).Videos.Should().BeEmpty();
    }

    [Fact]
    public async Task Event_outbox_of_a_host_without_handlers_does_not_grow_forever()
    {
        // Regression: only the dispatcher, which runs when a handler is added, ever purged the outbox.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        string recent;
        using (var first = BuildHost(clock))
        {
            await first.StartAsync();
            await SaveAsync(first, "delivered.mp4");
            await SaveAsync(first, "never-delivered.mp4");
            var outbox = (IMirrorQueue)first.Services.GetRequiredService<IVideoManifest>();
            var claimed = await outbox.ClaimDueNotificationsAsync(1, TimeSpan.FromMinutes(1));
            (await outbox.MarkNotificationDeliveredAsync(claimed.Single().Sequence)).Should().BeTrue();
            clock.Advance(TimeSpan.FromDays(8));
            recent = await SaveAsync(first, "recent.mp4");
            await first.StopAsync();
        }

        using var restarted = BuildHost(clock);
        await restarted.StartAsync();
        await restarted.StopAsync();

        (await NotificationVideoIdsAsync()).Should().Equal([recent], "events older than the retention are purged, the recent one is kept");
    }

    [Fact]
    public async Task Event_outbox_of_a_host_with_a_handler_keeps_old_undelivered_events_for_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        string waiting;
        using (var first = BuildHost(clock))
        {
            await first.StartAsync();
            waiting = await SaveAsync(first, "waiting.mp4");
            await first.StopAsync();
        }

        clock.Advance(TimeSpan.FromDays(30));
        using var withHandler = BuildHost(clock, vault => vault.AddEventHandler<FailingHandler>());
        await withHandler.StartAsync();
        await withHandler.StopAsync();

        (await NotificationVideoIdsAsync()).Should().Equal([waiting], "a handler is registered, so the event is still owed to it");
    }

    private static async Task<string> SaveAsync(IHost host, string name)
    {
        var result = await host.Services.GetRequiredService<IVideoStore>().SaveAsync(new VideoUpload(new MemoryStream(TestVideos.Mp4()), name));
        result.IsStored.Should().BeTrue(result.Reason);
        return result.Video!.Id;
    }

    private async Task<List<string>> NotificationVideoIdsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_root.Path, "manifest.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT video_id FROM notifications ORDER BY seq;";
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private IHost BuildHost(TimeProvider? clock = null, Action<IVideoVaultBuilder>? vault = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        var videoVault = builder.Services.AddVideoVault(o =>
        {
            o.RootPath = _root.Path;
            o.MinFreeSpaceBytes = 0;
        });
        vault?.Invoke(videoVault);
        return builder.Build();
    }

    private sealed class FailingHandler : IVideoVaultEventHandler
    {
        public Task HandleAsync(VideoVaultEvent videoEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the webhook is down");
    }
}
