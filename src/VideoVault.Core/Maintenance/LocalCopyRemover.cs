using Microsoft.Extensions.Logging;
using VideoVault.Storage;

namespace VideoVault.Maintenance;

/// <summary>
/// Cleanup: removes old local copies whose Drive copy is verified, keeping the record (<c>local: removed</c>, still on
/// Drive) so the video stays listed, findable and auditable. A copy not verified on the mirror is never removed unless
/// the caller overrides, and the override is recorded in the audit trail.
/// </summary>
internal sealed partial class LocalCopyRemover
{
    private readonly IVideoManifest _manifest;
    private readonly VideoVaultPaths _paths;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public LocalCopyRemover(IVideoManifest manifest, VideoVaultPaths paths, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _paths = paths;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<CleanupPlan> PlanAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        var cutoff = _timeProvider.GetUtcNow() - olderThan;
        var eligible = new List<VideoRecord>();
        var unmirrored = new List<VideoRecord>();
        await foreach (var video in _manifest.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (video.LocalState != LocalCopyState.Present || video.CreatedAt >= cutoff)
            {
                continue;
            }

            (IsVerifiedOnMirror(video) ? eligible : unmirrored).Add(video);
        }

        return new CleanupPlan(cutoff, eligible, unmirrored);
    }

    public async Task<RemoveLocalCopyResult> RemoveAsync(string idOrStoredName, bool allowUnmirrored, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrStoredName);

        // Re-read the record: a plan may be minutes old, and only the current mirror state may decide.
        var video = await _manifest.FindAsync(idOrStoredName, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            return new RemoveLocalCopyResult(RemoveLocalCopyOutcome.NotFound, null, 0);
        }

        if (video.LocalState != LocalCopyState.Present)
        {
            return new RemoveLocalCopyResult(RemoveLocalCopyOutcome.NotPresent, video, 0);
        }

        var verified = IsVerifiedOnMirror(video);
        if (!verified && !allowUnmirrored)
        {
            return new RemoveLocalCopyResult(RemoveLocalCopyOutcome.NotMirrored, video, 0);
        }

        // File first, as delete does: if the record update then fails, reconciliation flags a missing file (an alarm)
        // instead of a record that claims a removal which did not happen.
        var path = _paths.ResolveVideo(video.RelativePath);
        var length = File.Exists(path) ? new FileInfo(path).Length : 0;
        DurableFileSystem.DeleteDurably(path);
        var detail = verified
            ? $"cleanup: local copy removed; verified on the mirror as {video.Mirror.RemoteFileId ?? "(unknown id)"}"
            : $"cleanup: local copy removed WITHOUT a verified mirror copy (mirror state {video.Mirror.State}) by explicit override";
        await _manifest.SetLocalStateAsync(video.Id, LocalCopyState.Removed, VideoEventKind.LocalCopyRemoved, detail, cancellationToken).ConfigureAwait(false);
        if (verified)
        {
            Log.Removed(_logger, video.Id, video.RelativePath, length);
        }
        else
        {
            Log.RemovedUnmirrored(_logger, video.Id, video.RelativePath, video.Mirror.State);
        }

        return new RemoveLocalCopyResult(RemoveLocalCopyOutcome.Removed, video with { LocalState = LocalCopyState.Removed }, length);
    }

    private static bool IsVerifiedOnMirror(VideoRecord video) => video.Mirror.State == MirrorState.Mirrored;
}
