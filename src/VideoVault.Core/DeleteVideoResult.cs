namespace VideoVault;

/// <summary>The outcome of deleting a video.</summary>
/// <param name="Found">Whether a video with that id or name existed.</param>
/// <param name="Video">The record as it was before the delete, when found.</param>
public sealed record DeleteVideoResult(bool Found, VideoRecord? Video);
