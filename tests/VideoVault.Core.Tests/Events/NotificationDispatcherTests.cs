using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoVault.Events;
using VideoVault.Manifest;
using VideoVault.Tests.Mirroring;

namespace VideoVault.Tests.Events;

/// <summary>Host events from the durable outbox, delivered by a real host with and without the Drive mirror.</summary>
public sealed class NotificationDispatcherTests : IAsyncLifetime
{
    private MirrorTestContext _context = null!;

    public async Task InitializeAsync() => _context = await MirrorTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Stored_and_mirrored_events_reach_the_host_handler()
    {
        var recorder = new EventRecorder();
        var host = await _context.StartHostAsync(vault: v =>
        {
            v.Services.AddSingleton(recorder);
            v.AddEventHandler<RecordingHandler>();
        });

        var stored = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(5000));
        await recorder.WaitForAsync(e => e.Kind == VideoVaultEventKind.Mirrored && e.VideoId == stored.Id);

        var events = recorder.Events.Where(e => e.VideoId == stored.Id).ToList();
        events.Select(e => e.Kind).Should().ContainInOrder(VideoVaultEventKind.Stored, VideoVaultEventKind.Mirrored);
        var mirrored = events.Single(e => e.Kind == VideoVaultEventKind.Mirrored);
        mirrored.Video!.Mirror.State.Should().Be(MirrorState.Mirrored);
        mirrored.Detail.Should().Be(mirrored.Video.Mirror.RemoteLink);
        mirrored.Attempt.Should().Be(1);
    }

    [Fact]
    public async Task Stored_events_are_delivered_when_the_mirror_is_disabled()
    {
        var recorder = new EventRecorder();
        var host = await _context.StartHostAsync(mirror: false, vault: v =>
        {
            v.Services.AddSingleton(recorder);
            v.AddEventHandler<RecordingHandler>();
        });

        var stored = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(5000));
        var delivered = await recorder.WaitForAsync(e => e.Kind == VideoVaultEventKind.Stored && e.VideoId == stored.Id);

        delivered.Video!.Mirror.State.Should().Be(MirrorState.Disabled);
        _context.Drive.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_handler_that_throws_gets_the_event_again_until_it_succeeds()
    {
        var recorder = new EventRecorder { FailuresBeforeSuccess = 3 };
        var host = await _context.StartHostAsync(mirror: false, vault: v =>
        {
            v.Services.AddSingleton(recorder);
            v.Services.Configure<VideoVaultEventOptions>(o =>
            {
                o.InitialRetryDelay = TimeSpan.FromMilliseconds(20);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(100);
            });
            v.AddEventHandler<RecordingHandler>();
        });

        var stored = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(5000));
        var delivered = await recorder.WaitForAsync(e => e.Kind == VideoVaultEventKind.Stored && e.VideoId == stored.Id);

        delivered.Attempt.Should().Be(4, "three attempts threw, the fourth succeeded");
        recorder.Calls.Should().Be(4);
        await WaitUntilOutboxIsDeliveredAsync(host);
        recorder.Events.Should().ContainSingle("a delivered event is not delivered again");
    }

    [Fact]
    public async Task A_permanent_mirror_failure_is_delivered_with_its_reason()
    {
        _context.Drive.Faults.Add(r => r.Kind == FakeDrive.FakeDriveRequestKind.InitiateUpload, FakeDrive.DriveFault.StorageQuotaExceeded(), times: int.MaxValue);
        var recorder = new EventRecorder();
        var host = await _context.StartHostAsync(vault: v =>
        {
            v.Services.AddSingleton(recorder);
            v.AddEventHandler<RecordingHandler>();
        });

        var stored = await MirrorTestContext.SaveAsync(host, MirrorTestContext.UniqueMp4(5000));
        var failed = await recorder.WaitForAsync(e => e.Kind == VideoVaultEventKind.MirrorFailed && e.VideoId == stored.Id);

        failed.Detail.Should().Contain("storageQuotaExceeded");
        failed.Video!.Mirror.State.Should().Be(MirrorState.Failed);
    }

    [Fact]
    public void Adding_the_same_handler_twice_registers_it_and_the_dispatcher_once()
    {
        var services = new ServiceCollection();
        var builder = services.AddVideoVault();

        builder.AddEventHandler<RecordingHandler>().AddEventHandler<RecordingHandler>();

        services.Count(d => d.ServiceType == typeof(IVideoVaultEventHandler)).Should().Be(1);
        services.Count(d => d.ImplementationType == typeof(NotificationDispatcher)).Should().Be(1);
    }

    /// <summary>
    /// Polls until the outbox holds nothing undelivered: an event marked delivered is never claimed again, so after
    /// this no redelivery can still be on its way.
    /// </summary>
    private static async Task WaitUntilOutboxIsDeliveredAsync(IHost host, int timeoutSeconds = 20)
    {
        var outbox = (IMirrorQueue)host.Services.GetRequiredService<IVideoManifest>();
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (await outbox.GetNextNotificationDueAtAsync() is not null)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The outbox still held an undelivered event after {timeoutSeconds} s.");
            }

            await Task.Delay(10);
        }
    }

    private sealed class EventRecorder
    {
        private readonly ConcurrentQueue<VideoVaultEvent> _events = new();
        private int _calls;

        public int FailuresBeforeSuccess { get; init; }

        public IReadOnlyCollection<VideoVaultEvent> Events => _events;

        public int Calls => Volatile.Read(ref _calls);

        public void Record(VideoVaultEvent videoEvent)
        {
            if (Interlocked.Increment(ref _calls) <= FailuresBeforeSuccess)
            {
                throw new InvalidOperationException("The webhook is down.");
            }

            _events.Enqueue(videoEvent);
        }

        public async Task<VideoVaultEvent> WaitForAsync(Func<VideoVaultEvent, bool> match, int timeoutSeconds = 20)
        {
            var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
            while (DateTime.UtcNow < deadline)
            {
                if (_events.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                await Task.Delay(10);
            }

            throw new TimeoutException($"No matching event within {timeoutSeconds} s; got: {string.Join(", ", _events.Select(e => e.Kind))}.");
        }
    }

    private sealed class RecordingHandler(EventRecorder recorder) : IVideoVaultEventHandler
    {
        public Task HandleAsync(VideoVaultEvent videoEvent, CancellationToken cancellationToken)
        {
            recorder.Record(videoEvent);
            return Task.CompletedTask;
        }
    }
}
