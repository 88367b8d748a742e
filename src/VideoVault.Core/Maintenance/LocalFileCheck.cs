using System.Globalization;

namespace VideoVault.Maintenance;

/// <summary>
/// What is at a video's path: nothing, the recorded bytes (same size and SHA-256, not just the same name), or some other
/// file. Restore looks before it downloads; reconciliation checks a file that reappeared before it marks it present.
/// </summary>
internal sealed record LocalFileCheck(bool Exists, long? Size, string? Sha256, bool IsIntact)
{
    /// <summary>Looks at the file at <paramref name="path"/>: its size, and its SHA-256 when the size is the recorded one.</summary>
    public static async Task<LocalFileCheck> InspectAsync(string path, VideoRecord video, CancellationToken cancellationToken)
    {
        try
        {
            var stream = StoredFileHash.OpenRead(path, FileShare.Read | FileShare.Delete);
            await using (stream.ConfigureAwait(false))
            {
                var size = stream.Length;
                if (size != video.SizeBytes)
                {
                    return new LocalFileCheck(true, size, null, false);
                }

                var (sha256, length) = await StoredFileHash.ComputeAsync(stream, onRead: null, cancellationToken).ConfigureAwait(false);
                return new LocalFileCheck(true, length, sha256, StoredFileHash.IsRecordedContent(video, sha256, length));
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new LocalFileCheck(false, null, null, false);
        }
    }

    /// <summary>One readable clause for the restore's "found" line.</summary>
    public string Describe(VideoRecord video)
    {
        ArgumentNullException.ThrowIfNull(video);
        var marked = video.LocalState switch
        {
            LocalCopyState.Missing => "local copy marked missing",
            LocalCopyState.Removed => "local copy removed by cleanup",
            _ => "local copy marked present",
        };

        if (!Exists)
        {
            return $"{marked}, no file at {video.RelativePath}";
        }

        return Sha256 is null
            ? string.Create(CultureInfo.InvariantCulture, $"{marked}, but the file at {video.RelativePath} has {Size} bytes instead of {video.SizeBytes}")
            : $"{marked}, but the file at {video.RelativePath} is corrupt (SHA-256 {Sha256[..12]}… instead of {video.Sha256[..Math.Min(12, video.Sha256.Length)]}…)";
    }
}
