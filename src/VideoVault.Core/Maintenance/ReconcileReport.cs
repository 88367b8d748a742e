namespace VideoVault;

/// <summary>What a reconciliation found and did (or, for a dry run, would do).</summary>
public sealed record ReconcileReport
{
    /// <summary>Whether this was a dry run (nothing was changed).</summary>
    public required bool DryRun { get; init; }

    /// <summary>
    /// Files of publishes a crash interrupted between their rename into place and their commit, found through their
    /// publish intents and committed as the very video the publish was storing (same id, idempotency key and resumable
    /// upload), as store-relative paths.
    /// </summary>
    public IReadOnlyList<string> RecoveredFiles { get; init; } = [];

    /// <summary>Files found without a record and adopted, as store-relative paths.</summary>
    public required IReadOnlyList<string> AdoptedFiles { get; init; }

    /// <summary>Records whose file is gone, flagged <see cref="LocalCopyState.Missing"/>, as store-relative paths.</summary>
    public required IReadOnlyList<string> MissingFiles { get; init; }

    /// <summary>Records flagged missing earlier whose file is back, as store-relative paths.</summary>
    public required IReadOnlyList<string> RestoredFiles { get; init; }

    /// <summary>
    /// Files without a record that were left alone, as store-relative paths (the same files as <see cref="Skipped"/>,
    /// which says why).
    /// </summary>
    public required IReadOnlyList<string> SkippedFiles { get; init; }

    /// <summary>Files without a record that were left alone, each with why and, for a young file, when it becomes adoptable.</summary>
    public IReadOnlyList<ReconcileSkippedFile> Skipped { get; init; } = [];

    /// <summary>The grace period this run used (<see cref="ReconcileOptions.AdoptionGracePeriod"/>).</summary>
    public TimeSpan AdoptionGracePeriod { get; init; }

    /// <summary>
    /// Files back at the path of a record flagged missing, but with another size or SHA-256 than the record: not
    /// accepted as the video, which stays <see cref="LocalCopyState.Missing"/>. As store-relative paths.
    /// </summary>
    public IReadOnlyList<string> ConflictingFiles { get; init; } = [];

    /// <summary>How many temp files were swept from <c>.incoming/</c>.</summary>
    public required int TempFilesSwept { get; init; }

    /// <summary>Whether everything agreed: nothing recovered, adopted, missing, restored, skipped or conflicting.</summary>
    public bool IsClean => RecoveredFiles.Count == 0 && AdoptedFiles.Count == 0 && MissingFiles.Count == 0 && RestoredFiles.Count == 0 && SkippedFiles.Count == 0 && ConflictingFiles.Count == 0;
}
