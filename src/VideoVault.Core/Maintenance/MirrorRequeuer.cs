using Microsoft.Extensions.Logging;
using VideoVault.Manifest;

namespace VideoVault.Maintenance;

/// <summary>
/// The admin's retry of failed mirrors: puts them back in the queue (pending, due now, attempts reset) for the host's
/// mirror worker. Never uploads itself, so it is safe from a tool while the host runs.
/// </summary>
internal sealed partial class MirrorRequeuer
{
    private readonly IVideoManifest _manifest;
    private readonly IMirrorQueue _queue;
    private readonly ILogger _logger;

    public MirrorRequeuer(IVideoManifest manifest, IMirrorQueue queue, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _queue = queue;
        _logger = logger;
    }

    public async Task<RequeueMirrorResult> RequeueAsync(string idOrStoredName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrStoredName);
        var video = await _manifest.FindAsync(idOrStoredName, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            return new RequeueMirrorResult(RequeueMirrorOutcome.NotFound, null);
        }

        // The queue re-checks the state inside its transaction, so a video mirrored meanwhile is not requeued.
        if (await _queue.RequeueAsync(video.Id, cancellationToken).ConfigureAwait(false) == 0)
        {
            return new RequeueMirrorResult(RequeueMirrorOutcome.NotFailed, video);
        }

        Log.Requeued(_logger, video.Id, video.Mirror.State);
        return new RequeueMirrorResult(RequeueMirrorOutcome.Requeued, video);
    }

    public async Task<IReadOnlyList<VideoRecord>> RequeueAllFailedAsync(CancellationToken cancellationToken)
    {
        var failed = await _manifest.ReadAllAsync(cancellationToken)
            .Where(video => video.Mirror.State == MirrorState.Failed)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        // One video at a time, so the answer names exactly the videos that were requeued.
        var requeued = new List<VideoRecord>(failed.Count);
        foreach (var video in failed)
        {
            if (await _queue.RequeueAsync(video.Id, cancellationToken).ConfigureAwait(false) > 0)
            {
                Log.Requeued(_logger, video.Id, video.Mirror.State);
                requeued.Add(video);
            }
        }

        return requeued;
    }
}
