namespace VideoVault;

/// <summary>How <see cref="IVideoMaintenance.ReconcileAsync"/> runs.</summary>
public sealed record ReconcileOptions
{
    /// <summary>The defaults for a run next to a live host: grace periods on, nothing changed only when <see cref="DryRun"/>.</summary>
    public static ReconcileOptions Default { get; } = new();

    /// <summary>
    /// The options for a run while no host runs on the root, so no upload can be in flight: no grace period, every temp
    /// file swept. A host's start-up no longer runs a full reconciliation (it settles only the publishes a crash
    /// interrupted, from their intents); it uses these only when its manifest does not keep publish intents.
    /// </summary>
    public static ReconcileOptions AtStartup { get; } = new() { AdoptionGracePeriod = TimeSpan.Zero, SweepAllTemp = true };

    /// <summary>Report what would change without changing anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Files younger than this are not adopted, and publish intents younger than this are not settled: a running host
    /// may have renamed a file into place and not yet committed its record. Default: 1 minute.
    /// </summary>
    public TimeSpan AdoptionGracePeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Sweep every temp file in <c>.incoming/</c>. Only safe when no upload is in flight (at start-up); otherwise
    /// only temp files older than <see cref="TempFileMaxAge"/> are swept.
    /// </summary>
    public bool SweepAllTemp { get; init; }

    /// <summary>Temp files older than this are abandoned uploads and are swept. Default: 1 hour.</summary>
    public TimeSpan TempFileMaxAge { get; init; } = TimeSpan.FromHours(1);
}
