namespace VideoVault.Manifest;

/// <summary>A claimed mirror job: the video (now <see cref="MirrorState.Uploading"/>) and its saved upload session.</summary>
/// <param name="Video">The record as claimed; <c>Video.Mirror.Attempts</c> already counts this attempt, and
/// <c>Video.Mirror.RemoteFileId</c> is the pre-generated remote id when one was saved.</param>
/// <param name="SessionUri">The resumable upload session saved by an earlier attempt, to resume; <see langword="null"/>
/// when a fresh session must be started.</param>
/// <param name="SessionStartedAt">When that session was started (sessions expire; about a week on Drive).</param>
internal sealed record MirrorJob(VideoRecord Video, Uri? SessionUri, DateTimeOffset? SessionStartedAt);
