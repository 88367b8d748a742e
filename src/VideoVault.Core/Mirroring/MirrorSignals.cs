namespace VideoVault.Mirroring;

/// <summary>
/// In-process wake-ups between the store, the mirror worker, the upload endpoint's wait and the event dispatcher,
/// so none of them polls the manifest in a tight loop. The manifest stays the truth: a missed pulse only delays work
/// until the next poll, it never loses any.
/// </summary>
internal sealed class MirrorSignals
{
    /// <summary>Pulsed after a video is committed to the manifest (new mirror work, a new <c>stored</c> notification).</summary>
    public AsyncPulse Committed { get; } = new();

    /// <summary>Pulsed after the mirror changed a video's state (mirrored, retrying, failed): waiters re-read the record.</summary>
    public AsyncPulse Progressed { get; } = new();
}
