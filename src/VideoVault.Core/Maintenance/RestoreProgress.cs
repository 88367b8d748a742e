namespace VideoVault;

/// <summary>Progress of a restore, reported while a video is downloaded from the mirror.</summary>
/// <param name="Video">The video being restored.</param>
/// <param name="BytesDownloaded">
/// Bytes received since the previous report (an increment, not a running total); negative after an interrupted
/// download, for the bytes that did not reach the disk and will be downloaded again.
/// </param>
public readonly record struct RestoreProgress(VideoRecord Video, long BytesDownloaded);
