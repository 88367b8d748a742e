namespace VideoVault;

/// <summary>What <see cref="IVideoMaintenance.CheckManifestIntegrityAsync"/> found.</summary>
public sealed record ManifestIntegrityReport
{
    /// <summary>
    /// Whether the manifest was checked: <see langword="false"/> when the registered <see cref="IVideoManifest"/> has
    /// no integrity check of its own (only the built-in SQLite manifest has one).
    /// </summary>
    public required bool WasChecked { get; init; }

    /// <summary>What is wrong and what to do about it; <see langword="null"/> when nothing is.</summary>
    public string? Problem { get; init; }

    /// <summary>How long the check took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Whether the manifest was checked and found intact.</summary>
    public bool IsIntact => WasChecked && Problem is null;
}
