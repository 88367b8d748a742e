using Microsoft.Extensions.Logging;
using VideoVault.Storage;

namespace VideoVault.Maintenance;

/// <summary>
/// Deletes abandoned temp files from the top level of <c>.incoming/</c> (one-piece uploads that never finished).
/// <c>.incoming/resumable/</c> is not touched: resumable uploads are removed by their expiry.
/// </summary>
internal static partial class TempFileSweeper
{
    /// <param name="paths">The store's folders.</param>
    /// <param name="now">The time ages are measured against.</param>
    /// <param name="maxAge">Sweep files last written longer ago than this; <see langword="null"/> sweeps every file,
    /// which is only safe when no upload can be in flight (at host start-up).</param>
    /// <param name="dryRun">Count without deleting.</param>
    /// <param name="logger">Where a file that cannot be deleted is reported.</param>
    /// <returns>How many files were (or, for a dry run, would be) swept.</returns>
    public static int Sweep(VideoVaultPaths paths, DateTimeOffset now, TimeSpan? maxAge, bool dryRun, ILogger logger)
    {
        if (!Directory.Exists(paths.Incoming))
        {
            return 0;
        }

        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(paths.Incoming))
        {
            if (maxAge is { } limit && now - new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero) < limit)
            {
                continue;
            }

            if (!dryRun)
            {
                try
                {
                    File.Delete(file);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Log.SweepFailed(logger, Path.GetFileName(file), ex);
                    continue;
                }
            }

            swept++;
        }

        if (swept > 0 && !dryRun)
        {
            DurableFileSystem.SyncDirectory(paths.Incoming);
        }

        return swept;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1106, EventName = "TempSweepFailed", Level = LogLevel.Warning,
            Message = "Could not sweep temp file {FileName}")]
        public static partial void SweepFailed(ILogger logger, string fileName, Exception exception);
    }
}
