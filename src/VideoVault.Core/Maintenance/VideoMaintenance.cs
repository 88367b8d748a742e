using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Manifest;
using VideoVault.Mirroring;
using VideoVault.Mirroring.GoogleDrive;
using VideoVault.Storage;

namespace VideoVault.Maintenance;

/// <summary>
/// Brings the manifest and the files back into agreement after a crash or a manual change on disk, by a full walk of
/// <c>videos/</c> and a look at every record: what <c>videovault reconcile</c> runs (host start-up only looks at the
/// publishes in flight, see <see cref="PublishIntentRecovery"/>). Never deletes a record or an acknowledged video:
/// interrupted publishes are committed from their intents, orphans adopted, missing files flagged, temp files swept.
/// </summary>
internal sealed partial class VideoMaintenance : IVideoMaintenance
{
    private readonly IVideoManifest _manifest;
    private readonly VideoVaultPaths _paths;
    private readonly VideoVaultOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<VideoMaintenance> _logger;
    private readonly bool _mirrorConfigured;
    private readonly PublishIntentRecovery _intents;
    private readonly DriveCopyChecker? _mirrorCopies;
    private readonly VideoRestorer? _restorer;

    public VideoMaintenance(
        IVideoManifest manifest,
        VideoVaultPaths paths,
        IOptions<VideoVaultOptions> options,
        TimeProvider timeProvider,
        ILogger<VideoMaintenance> logger,
        MirrorRegistration? mirror = null,
        DriveCopyChecker? mirrorCopies = null,
        VideoRestorer? restorer = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _manifest = manifest;
        _paths = paths;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _mirrorConfigured = mirror is not null;
        _mirrorCopies = mirrorCopies;
        _intents = new PublishIntentRecovery(manifest, paths, timeProvider, logger, _mirrorConfigured);
        _restorer = restorer;
    }

    public async Task<ReconcileReport> ReconcileAsync(ReconcileOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = _timeProvider.GetUtcNow();
        var swept = TempFileSweeper.Sweep(_paths, now, options.SweepAllTemp ? null : options.TempFileMaxAge, options.DryRun, _logger);

        // Before the walk, so a file an interrupted publish left is committed under its own id (and idempotency key),
        // never adopted under a new one; a recent one is left to the host that may be committing it.
        var intents = await _intents.RecoverAsync(options.AdoptionGracePeriod, options.DryRun, "by reconciliation", cancellationToken).ConfigureAwait(false);

        var known = new Dictionary<string, VideoRecord>(StringComparer.Ordinal);
        await foreach (var record in _manifest.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            known[record.RelativePath] = record;
        }

        var adopted = new List<string>();
        var skipped = new List<ReconcileSkippedFile>();
        if (Directory.Exists(_paths.Videos))
        {
            foreach (var file in Directory.EnumerateFiles(_paths.Videos, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = _paths.ToRelative(file);
                if (known.ContainsKey(relative) || Path.GetFileName(file).StartsWith('.') || intents.Recovered.Contains(relative))
                {
                    continue;
                }

                if (intents.Claimed.Contains(relative))
                {
                    skipped.Add(intents.InFlight.TryGetValue(relative, out var settlesAt)
                        ? new ReconcileSkippedFile(relative, ReconcileSkipReason.PublishInProgress, settlesAt)
                        : new ReconcileSkippedFile(relative, ReconcileSkipReason.RecoveryRefused, null));
                    continue;
                }

                var changedAt = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
                if (options.AdoptionGracePeriod > TimeSpan.Zero && now - changedAt < options.AdoptionGracePeriod)
                {
                    var adoptableAt = changedAt + options.AdoptionGracePeriod;
                    Log.OrphanTooYoung(_logger, relative, adoptableAt);
                    skipped.Add(new ReconcileSkippedFile(relative, ReconcileSkipReason.TooYoung, adoptableAt));
                    continue;
                }

                if (options.DryRun || await AdoptAsync(file, relative, cancellationToken).ConfigureAwait(false))
                {
                    adopted.Add(relative);
                }
                else
                {
                    skipped.Add(new ReconcileSkippedFile(relative, ReconcileSkipReason.NameTaken, null));
                }
            }
        }

        var missing = new List<string>();
        var restored = new List<string>();
        var conflicting = new List<string>();
        foreach (var record in known.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = _paths.ResolveVideo(record.RelativePath);
            var exists = File.Exists(path);
            if (record.LocalState == LocalCopyState.Present && !exists)
            {
                // Only while it is still Present: `known` is a snapshot, and a cleanup may have removed the file since.
                if (options.DryRun || await _manifest.SetLocalStateIfAsync(record.Id, LocalCopyState.Present, LocalCopyState.Missing,
                    VideoEventKind.FileMissing, $"file not found at {record.RelativePath}", cancellationToken).ConfigureAwait(false))
                {
                    missing.Add(record.RelativePath);
                    Log.FileMissing(_logger, record.Id, record.RelativePath);
                }
            }
            else if (record.LocalState == LocalCopyState.Missing && exists)
            {
                if (!(await LocalFileCheck.InspectAsync(path, record, cancellationToken).ConfigureAwait(false)).IsIntact)
                {
                    conflicting.Add(record.RelativePath);
                    Log.FileConflicts(_logger, record.Id, record.RelativePath);
                    continue;
                }

                if (options.DryRun || await _manifest.SetLocalStateIfAsync(record.Id, LocalCopyState.Missing, LocalCopyState.Present,
                    VideoEventKind.FileRestored, $"file is back at {record.RelativePath}", cancellationToken).ConfigureAwait(false))
                {
                    restored.Add(record.RelativePath);
                    Log.FileRestored(_logger, record.Id, record.RelativePath);
                }
            }
        }

        var report = new ReconcileReport
        {
            DryRun = options.DryRun,
            RecoveredFiles = intents.Recovered,
            AdoptedFiles = adopted,
            MissingFiles = missing,
            RestoredFiles = restored,
            SkippedFiles = [.. skipped.Select(file => file.RelativePath)],
            Skipped = skipped,
            AdoptionGracePeriod = options.AdoptionGracePeriod,
            ConflictingFiles = conflicting,
            TempFilesSwept = swept,
        };
        Log.Reconciled(_logger, options.DryRun, intents.Recovered.Count, adopted.Count, missing.Count, restored.Count, skipped.Count, conflicting.Count, swept);
        return report;
    }

    private async Task<bool> AdoptAsync(string file, string relative, CancellationToken cancellationToken)
    {
        var storedName = Path.GetFileName(file);
        string sha256;
        long size;
        VideoSignature signature;
        var stream = StoredFileHash.OpenRead(file, FileShare.Read);
        await using (stream.ConfigureAwait(false))
        {
            size = stream.Length;
            var header = new byte[VideoSignatureSniffer.HeaderLength];
            var headerLength = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            signature = VideoSignatureSniffer.Sniff(header.AsSpan(0, headerLength));
            stream.Position = 0;
            (sha256, _) = await StoredFileHash.ComputeAsync(stream, onRead: null, cancellationToken).ConfigureAwait(false);
        }

        var fileTime = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
        var parsed = VideoFileNamer.TryParse(storedName, out var timestamp, out var category, out var originalName);
        var createdAt = parsed ? timestamp : fileTime;
        var record = new VideoRecord
        {
            Id = Guid.CreateVersion7(createdAt).ToString("N"),
            StoredName = storedName,
            RelativePath = relative,
            OriginalFileName = VideoFileNamer.SanitizeOriginalName(parsed ? originalName : storedName),
            Category = parsed ? category : VideoFileNamer.SanitizeCategory(null, _options.DefaultCategory),
            MimeType = signature.MimeType,
            Container = signature.Container,
            SizeBytes = size,
            Sha256 = sha256,
            CreatedAt = createdAt,
            LocalState = LocalCopyState.Present,
            Mirror = _mirrorConfigured ? MirrorStatus.Pending : MirrorStatus.Disabled,
        };

        var detail = signature.IsVideo
            ? $"adopted {relative} ({size} bytes, {signature.Container})"
            : $"adopted {relative} ({size} bytes, not a recognised video container)";
        if (!await _manifest.AddAsync(record, VideoEventKind.Adopted, detail, cancellationToken).ConfigureAwait(false))
        {
            Log.AdoptionConflict(_logger, relative);
            return false;
        }

        Log.Adopted(_logger, record.Id, relative, size, signature.Container);
        return true;
    }
}
