namespace VideoVault;

/// <summary>One page of videos, newest first.</summary>
/// <param name="Videos">The videos on this page.</param>
/// <param name="Total">How many videos match the filters in all.</param>
/// <param name="NextCursor">The cursor of the next page, or <see langword="null"/> on the last page.</param>
public sealed record VideoPage(IReadOnlyList<VideoRecord> Videos, long Total, string? NextCursor);
