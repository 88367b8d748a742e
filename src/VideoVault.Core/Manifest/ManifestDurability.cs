namespace VideoVault.Manifest;

/// <summary>The durability-relevant settings of a manifest connection, as SQLite reports them.</summary>
/// <param name="JournalMode">The journal mode; <c>wal</c> expected.</param>
/// <param name="Synchronous">The <c>synchronous</c> level; 2 (FULL) expected.</param>
/// <param name="BusyTimeoutMilliseconds">How long a statement waits for a lock held by another connection.</param>
/// <param name="ForeignKeys">Whether foreign keys are enforced.</param>
/// <param name="SchemaVersion">The schema version (<c>user_version</c>).</param>
internal sealed record ManifestDurability(string JournalMode, int Synchronous, int BusyTimeoutMilliseconds, bool ForeignKeys, int SchemaVersion);
