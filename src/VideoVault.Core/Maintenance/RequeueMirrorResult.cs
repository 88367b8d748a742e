namespace VideoVault;

/// <summary>The outcome of re-queuing one video's mirror.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Video">The record as found (before the requeue); <see langword="null"/> when not found.</param>
public sealed record RequeueMirrorResult(RequeueMirrorOutcome Outcome, VideoRecord? Video);
