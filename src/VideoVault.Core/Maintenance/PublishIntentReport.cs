namespace VideoVault.Maintenance;

/// <summary>What <see cref="PublishIntentRecovery.RecoverAsync"/> found and did (or, for a dry run, would do).</summary>
internal sealed class PublishIntentReport
{
    /// <summary>Files of interrupted publishes committed under their own video id, as store-relative paths.</summary>
    public List<string> Recovered { get; } = [];

    /// <summary>
    /// Files of publishes too young to settle (a host may be committing them), left alone, with when their intent becomes
    /// old enough to settle.
    /// </summary>
    public Dictionary<string, DateTimeOffset> InFlight { get; } = new(StringComparer.Ordinal);

    /// <summary>Files an intent names that could not be committed (the manifest refused them): left for a full reconciliation.</summary>
    public List<string> Refused { get; } = [];

    /// <summary>Intents whose file never reached <c>videos/</c> (the crash came before the rename), dropped.</summary>
    public int Dropped { get; set; }

    /// <summary>Every file an intent named in this run: a walk of <c>videos/</c> must not adopt them under a new id.</summary>
    public HashSet<string> Claimed { get; } = new(StringComparer.Ordinal);
}
