using Microsoft.Extensions.Logging;
using VideoVault.Manifest;
using VideoVault.Storage;

namespace VideoVault.Maintenance;

/// <summary>
/// Re-hashes local copies against their manifest SHA-256 and records what it found in the audit trail
/// (<see cref="VideoEventKind.Verified"/>, <see cref="VideoEventKind.Corrupt"/>, <see cref="VideoEventKind.FileMissing"/>).
/// Read-only on the files, so it is safe while the host runs.
/// </summary>
internal sealed partial class VideoVerifier
{
    private readonly IVideoManifest _manifest;
    private readonly VideoVaultPaths _paths;
    private readonly ILogger _logger;

    public VideoVerifier(IVideoManifest manifest, VideoVaultPaths paths, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _paths = paths;
        _logger = logger;
    }

    public async Task<VideoVerification?> VerifyAsync(string idOrStoredName, IProgress<VerificationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrStoredName);
        var video = await _manifest.FindAsync(idOrStoredName, cancellationToken).ConfigureAwait(false);
        return video is null ? null : await VerifyAsync(video, progress, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<VideoVerification>> VerifyAllAsync(IProgress<VerificationProgress>? progress, CancellationToken cancellationToken)
    {
        // Read the list first: recording events while the export cursor is open would hold a read transaction open
        // across every write.
        var videos = await _manifest.ReadAllAsync(cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);

        var results = new List<VideoVerification>(videos.Count);
        foreach (var video in videos)
        {
            results.Add(await VerifyAsync(video, progress, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    public async Task<VideoVerification> VerifyAsync(VideoRecord video, IProgress<VerificationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        if (video.LocalState == LocalCopyState.Removed)
        {
            return new VideoVerification(video, VerificationOutcome.NotLocal, null, null);
        }

        var path = _paths.ResolveVideo(video.RelativePath);
        string sha256;
        long length;
        try
        {
            (sha256, length) = await HashAsync(video, path, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            Log.Missing(_logger, video.Id, video.RelativePath);
            // Only while it is still Present: a cleanup may have removed the file since the record was read.
            if (video.LocalState == LocalCopyState.Present
                && await _manifest.SetLocalStateIfAsync(video.Id, LocalCopyState.Present, LocalCopyState.Missing, VideoEventKind.FileMissing,
                    $"verify: {video.RelativePath} not found", cancellationToken).ConfigureAwait(false))
            {
                video = video with { LocalState = LocalCopyState.Missing };
            }

            return new VideoVerification(video, VerificationOutcome.Missing, null, null);
        }

        if (!StoredFileHash.IsRecordedContent(video, sha256, length))
        {
            Log.Corrupt(_logger, video.Id, video.RelativePath, video.Sha256, sha256);
            await _manifest.AppendEventAsync(
                VideoEventKind.Corrupt,
                video.Id,
                $"verify: sha256 {sha256} ({length} bytes) does not match the recorded {video.Sha256} ({video.SizeBytes} bytes)",
                cancellationToken).ConfigureAwait(false);
            return new VideoVerification(video, VerificationOutcome.Corrupt, sha256, length);
        }

        if (video.LocalState == LocalCopyState.Missing)
        {
            // A file flagged missing is back with the right bytes (restored from a backup): say so, as reconciliation does.
            if (await _manifest.SetLocalStateIfAsync(video.Id, LocalCopyState.Missing, LocalCopyState.Present, VideoEventKind.FileRestored,
                "verify: file is back and intact", cancellationToken).ConfigureAwait(false))
            {
                video = video with { LocalState = LocalCopyState.Present };
            }
        }

        await _manifest.AppendEventAsync(VideoEventKind.Verified, video.Id, $"verify: sha256 matches ({length} bytes)", cancellationToken).ConfigureAwait(false);
        return new VideoVerification(video, VerificationOutcome.Intact, sha256, length);
    }

    private static async Task<(string Sha256, long Length)> HashAsync(VideoRecord video, string path, IProgress<VerificationProgress>? progress, CancellationToken cancellationToken)
    {
        var stream = StoredFileHash.OpenRead(path, FileShare.Read | FileShare.Delete);
        await using (stream.ConfigureAwait(false))
        {
            return await StoredFileHash.ComputeAsync(stream, progress is null ? null : read => progress.Report(new VerificationProgress(video, read)), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
