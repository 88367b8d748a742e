using Microsoft.Extensions.Logging;

namespace VideoVault.Manifest;

internal sealed partial class SqliteVideoManifest
{
    /// <summary>The manifest's log messages; event ids 2000–2099 belong to it.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 2000, EventName = "ManifestInitialized", Level = LogLevel.Information,
            Message = "Manifest '{DatabasePath}' is ready: schema version {SchemaVersion}, WAL, synchronous=FULL")]
        public static partial void Initialized(ILogger logger, string databasePath, int schemaVersion);

        [LoggerMessage(EventId = 2001, EventName = "ManifestSchemaMigrated", Level = LogLevel.Information,
            Message = "Manifest '{DatabasePath}' migrated from schema version {FromVersion} to {ToVersion}")]
        public static partial void SchemaMigrated(ILogger logger, string databasePath, int fromVersion, int toVersion);

        [LoggerMessage(EventId = 2002, EventName = "ManifestIntegrityCheckPassed", Level = LogLevel.Information,
            Message = "Manifest '{DatabasePath}' passed its integrity check")]
        public static partial void IntegrityCheckPassed(ILogger logger, string databasePath);

        [LoggerMessage(EventId = 2003, EventName = "ManifestIntegrityCheckFailed", Level = LogLevel.Critical,
            Message = "Manifest '{DatabasePath}' failed its integrity check: {Problems}")]
        public static partial void IntegrityCheckFailed(ILogger logger, string databasePath, string problems);

        [LoggerMessage(EventId = 2004, EventName = "ManifestDuplicateRejected", Level = LogLevel.Information,
            Message = "Manifest refused video {VideoId} ('{StoredName}'): a record with that id, stored name, path or idempotency key exists")]
        public static partial void DuplicateRejected(ILogger logger, string videoId, string storedName);

        [LoggerMessage(EventId = 2010, EventName = "MirrorJobsClaimed", Level = LogLevel.Debug,
            Message = "Claimed {Count} mirror job(s)")]
        public static partial void MirrorJobsClaimed(ILogger logger, int count);

        [LoggerMessage(EventId = 2011, EventName = "InterruptedMirrorsRecovered", Level = LogLevel.Warning,
            Message = "{Count} mirror upload(s) were interrupted by a stop; queued to resume their saved sessions")]
        public static partial void InterruptedMirrorsRecovered(ILogger logger, int count);

        [LoggerMessage(EventId = 2012, EventName = "MirrorJobsRequeued", Level = LogLevel.Information,
            Message = "Re-queued {Count} video(s) for mirroring")]
        public static partial void MirrorRequeued(ILogger logger, int count);

        [LoggerMessage(EventId = 2013, EventName = "MirroringEnabled", Level = LogLevel.Information,
            Message = "A mirror is configured: queued {Count} existing video(s) for mirroring")]
        public static partial void MirroringEnabled(ILogger logger, int count);

        [LoggerMessage(EventId = 2014, EventName = "MirrorFailedPermanently", Level = LogLevel.Warning,
            Message = "Mirroring video {VideoId} failed permanently after {Attempts} attempt(s): {Reason}")]
        public static partial void MirrorFailedPermanently(ILogger logger, string videoId, int attempts, string reason);
    }
}
