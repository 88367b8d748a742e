namespace VideoVault.Benchmarks.Catalog;

/// <summary>
/// A clock the catalog filler sets to each record's <c>created_at</c> before the manifest commits it, so the audit
/// trail and the host-event outbox carry the times a year of real uploads would have left, not the minute of the fill.
/// </summary>
internal sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
