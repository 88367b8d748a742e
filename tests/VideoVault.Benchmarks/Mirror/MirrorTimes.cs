namespace VideoVault.Benchmarks.Mirror;

/// <summary>
/// When a video entered the mirror's queue (stored, or queued by the mirror), when its last attempt began, and when its
/// copy was verified: all from the host's audit trail, so on the host's clock.
/// </summary>
internal readonly record struct MirrorTimes(DateTimeOffset Queued, DateTimeOffset Claimed, DateTimeOffset Mirrored)
{
    /// <summary>From entering the queue to the verified copy.</summary>
    public TimeSpan Transfer => Mirrored - Queued;

    /// <summary>One attempt: claimed to verified.</summary>
    public TimeSpan Attempt => Mirrored - Claimed;
}
