namespace VideoVault;

/// <summary>The outcome of removing one video's local copy.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Video">The record after the call (with <see cref="LocalCopyState.Removed"/> when removed); <see langword="null"/> when not found.</param>
/// <param name="FreedBytes">The bytes freed on disk.</param>
public sealed record RemoveLocalCopyResult(RemoveLocalCopyOutcome Outcome, VideoRecord? Video, long FreedBytes);
