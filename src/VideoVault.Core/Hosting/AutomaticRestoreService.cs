using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoVault.Maintenance;

namespace VideoVault.Hosting;

/// <summary>
/// With <c>VideoVault:Drive:RestoreAutomatically</c> on: once the host has started, restores in the background every
/// video flagged missing (by a verify or a reconciliation) that has a verified Drive copy. It reads every record, so
/// it runs after start-up, never in it; without the option it does nothing.
/// </summary>
internal sealed partial class AutomaticRestoreService(IVideoManifest manifest, VideoRestorer restorer, ILogger<AutomaticRestoreService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!restorer.RestoresAutomatically)
        {
            return;
        }

        // Host start must not wait for the first database round trip.
        await Task.Yield();
        try
        {
            var lost = new List<VideoRecord>();
            await foreach (var video in manifest.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (video.LocalState == LocalCopyState.Missing && video.Mirror.State == MirrorState.Mirrored)
                {
                    lost.Add(video);
                }
            }

            int restored = 0, failed = 0;
            foreach (var video in lost)
            {
                var result = await restorer.RestoreAsync(video, video.StoredName, progress: null, stoppingToken).ConfigureAwait(false);
                if (result.IsPresent)
                {
                    restored++;
                }
                else
                {
                    failed++;
                }
            }

            if (lost.Count > 0)
            {
                Log.Finished(logger, restored, failed);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Log.Failed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1420, EventName = "AutomaticRestoreFinished", Level = LogLevel.Information,
            Message = "Automatic restore after start-up: {Restored} missing video(s) restored from Drive, {Failed} not (see the earlier warnings)")]
        public static partial void Finished(ILogger logger, int restored, int failed);

        [LoggerMessage(EventId = 1421, EventName = "AutomaticRestoreFailed", Level = LogLevel.Error,
            Message = "Automatic restore after start-up stopped; restore the missing videos with 'videovault restore --all-missing'")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
