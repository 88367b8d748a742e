namespace VideoVault.Manifest;

/// <summary>A <see cref="MirrorState.Mirrored"/> video with what a check of its copy compares and orders by.</summary>
/// <param name="Video">The record; <c>Video.Mirror.RemoteFileId</c> names the copy.</param>
/// <param name="ContentMd5">The MD5 of the bytes verified on the mirror, lower-case hex; <see langword="null"/> for a copy
/// verified before the manifest recorded it.</param>
/// <param name="CheckedAt">When the copy was last found intact (at upload or by a check); <see langword="null"/> when
/// never recorded.</param>
internal sealed record MirroredCopy(VideoRecord Video, string? ContentMd5, DateTimeOffset? CheckedAt);
