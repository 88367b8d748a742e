using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Manifest;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Mirroring;

/// <summary>
/// Works the manifest's mirror queue in the background with at most <c>MaxParallelUploads</c> jobs at a time. At
/// start it returns uploads a stopped process left claimed to the queue (keeping their sessions) and queues videos
/// stored before the mirror was configured. It sleeps until the earliest retry is due, a video is committed, a job
/// finishes, or the poll interval passes (work queued by another process, such as the admin tool's requeue). At each
/// poll it also queues <c>disabled</c> videos: with a mirror configured there should be none, but a tool that runs
/// without the mirror's configuration (the admin tool's <c>reconcile</c>) adopts files as <c>disabled</c>.
/// </summary>
internal sealed partial class MirrorWorker : BackgroundService
{
    private static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RaceDelay = TimeSpan.FromMilliseconds(200);

    private readonly IMirrorQueue _queue;
    private readonly IMirrorUploader _uploader;
    private readonly MirrorSignals _signals;
    private readonly MirrorMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxParallel;
    private readonly ILogger<MirrorWorker> _logger;
    private readonly List<Task<MirrorJobOutcome>> _running = [];
    private readonly TimeSpan _pollInterval;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _nextDisabledSweep = DateTimeOffset.MinValue;

    public MirrorWorker(
        IVideoManifest manifest,
        IMirrorUploader uploader,
        MirrorSignals signals,
        MirrorMetrics metrics,
        TimeProvider timeProvider,
        IOptions<GoogleDriveMirrorOptions> options,
        ILogger<MirrorWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(uploader);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _queue = MirrorQueueResolver.From(manifest);
        _uploader = uploader;
        _signals = signals;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _maxParallel = Math.Max(1, options.Value.MaxParallelUploads);
        _pollInterval = options.Value.QueuePollInterval;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Host start must not wait for the first database round trip.
        await Task.Yield();
        try
        {
            await PrepareQueueAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                // Taken before looking at the queue, so a commit that lands while we look still wakes us.
                var committed = _signals.Committed.Next;
                var wait = await FillSlotsAsync(stoppingToken).ConfigureAwait(false);
                await WaitAsync(committed, wait, stoppingToken).ConfigureAwait(false);
                await CollectFinishedAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Jobs see the same token: each stops at its next await and stays claimed, to resume after the restart.
            await Task.WhenAll(_running).ConfigureAwait(false);
            Log.Stopped(_logger, _running.Count);
        }
    }

    private async Task PrepareQueueAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var recovered = await _queue.RecoverInterruptedAsync(stoppingToken).ConfigureAwait(false);
                var enabled = await _queue.EnableMirroringAsync(stoppingToken).ConfigureAwait(false);
                Log.Started(_logger, _maxParallel, recovered, enabled);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.QueueFailed(_logger, ex);
                await Task.Delay(FailureDelay, _timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Claims due jobs into the free slots and returns how long to sleep before looking again.</summary>
    private async Task<TimeSpan> FillSlotsAsync(CancellationToken stoppingToken)
    {
        try
        {
            _metrics.SetBacklog(await _queue.CountBacklogAsync(stoppingToken).ConfigureAwait(false));
            var free = _maxParallel - _running.Count;
            var now = _timeProvider.GetUtcNow();
            if (now < _pausedUntil)
            {
                return _pausedUntil - now;
            }

            if (free == 0)
            {
                return Timeout.InfiniteTimeSpan;
            }

            if (now >= _nextDisabledSweep)
            {
                _nextDisabledSweep = now + _pollInterval;
                var queued = await _queue.EnableMirroringAsync(stoppingToken).ConfigureAwait(false);
                if (queued > 0)
                {
                    Log.DisabledQueued(_logger, queued);
                }
            }

            var jobs = await _queue.ClaimDueAsync(free, stoppingToken).ConfigureAwait(false);
            foreach (var job in jobs)
            {
                _running.Add(RunJobAsync(job, stoppingToken));
            }

            if (jobs.Count == free)
            {
                return Timeout.InfiniteTimeSpan;
            }

            var nextDue = await _queue.GetNextDueAtAsync(stoppingToken).ConfigureAwait(false);
            if (nextDue is not { } due)
            {
                return _pollInterval;
            }

            // Due but not claimable: another process holds it; do not spin.
            var wait = due - _timeProvider.GetUtcNow();
            return wait <= TimeSpan.Zero ? RaceDelay : wait < _pollInterval ? wait : _pollInterval;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Log.QueueFailed(_logger, ex);
            return FailureDelay;
        }
    }

    private async Task<MirrorJobOutcome> RunJobAsync(MirrorJob job, CancellationToken stoppingToken)
    {
        // Off the loop's thread, so a synchronous stretch in one upload does not hold up claiming the next.
        await Task.Yield();
        try
        {
            return await _uploader.RunAsync(job, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                Log.JobCrashed(_logger, job.Video.Id, ex);
                await RescheduleCrashedAsync(job, ex).ConfigureAwait(false);
            }

            return MirrorJobOutcome.Abandoned;
        }
        finally
        {
            _signals.Progressed.Pulse();
        }
    }

    // Without this the video would stay claimed until the next restart.
    private async Task RescheduleCrashedAsync(MirrorJob job, Exception failure)
    {
        try
        {
            await _queue.MarkRetryingAsync(job.Video.Id, MirrorErrorText.For(failure),
                _timeProvider.GetUtcNow() + FailureDelay, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.QueueFailed(_logger, ex);
        }
    }

    private async Task WaitAsync(Task committed, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var waits = new List<Task>(_running.Count + 2) { Task.Delay(wait, _timeProvider, delayCancellation.Token) };
        waits.AddRange(_running);
        if (_timeProvider.GetUtcNow() >= _pausedUntil)
        {
            waits.Add(committed);
        }

        await Task.WhenAny(waits).ConfigureAwait(false);
        await delayCancellation.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task CollectFinishedAsync()
    {
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            if (!_running[i].IsCompleted)
            {
                continue;
            }

            var outcome = await _running[i].ConfigureAwait(false);
            _running.RemoveAt(i);
            if (outcome is { Result: MirrorJobResult.Paused, PausedUntil: { } until } && until > _pausedUntil)
            {
                _pausedUntil = until;
                Log.Paused(_logger, until);
            }
        }
    }
}
