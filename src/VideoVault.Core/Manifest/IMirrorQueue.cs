namespace VideoVault.Manifest;

/// <summary>
/// The mirror's durable work queue and the host-notification outbox, kept in the manifest so that enqueueing
/// commits with the video itself. Every state change appends its audit event in the same transaction; all times
/// come from the manifest's <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// The worker-side calls (<see cref="SetRemoteFileIdAsync"/>, the session calls and the <c>Mark*</c> calls) only act
/// on a video that is <see cref="MirrorState.Uploading"/>. They return <see langword="false"/> when it is not (deleted,
/// or no longer claimed): the worker should then abandon the job.
/// </remarks>
internal interface IMirrorQueue
{
    /// <summary>
    /// Start-up only, before any claim: returns jobs a stopped process left <see cref="MirrorState.Uploading"/> to
    /// <see cref="MirrorState.Pending"/>, keeping their session URI and remote file id so the upload resumes rather
    /// than duplicates. Appends a <see cref="VideoEventKind.MirrorRetry"/> event per job. Returns how many.
    /// </summary>
    Task<int> RecoverInterruptedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically claims up to <paramref name="maxJobs"/> due jobs, oldest video first: pending ones, and retrying
    /// ones whose next attempt time has come. Each becomes <see cref="MirrorState.Uploading"/> with one more attempt
    /// and a <see cref="VideoEventKind.MirrorAttempt"/> event. Two claimers (threads or processes) never get the same job.
    /// </summary>
    Task<IReadOnlyList<MirrorJob>> ClaimDueAsync(int maxJobs, CancellationToken cancellationToken = default);

    /// <summary>
    /// When the next job is due: now when one is pending, the earliest retry time otherwise, <see langword="null"/>
    /// when nothing waits (so the worker can sleep until then, or until it is signalled).
    /// </summary>
    Task<DateTimeOffset?> GetNextDueAtAsync(CancellationToken cancellationToken = default);

    /// <summary>Persists the pre-generated remote file id before the first create, so every retry reuses it.</summary>
    Task<bool> SetRemoteFileIdAsync(string videoId, string remoteFileId, CancellationToken cancellationToken = default);

    /// <summary>Persists the resumable session URI as soon as the remote returned it, with the current time.</summary>
    Task<bool> SaveUploadSessionAsync(string videoId, Uri sessionUri, CancellationToken cancellationToken = default);

    /// <summary>Forgets the upload session (it expired, or the upload must start over).</summary>
    Task<bool> ClearUploadSessionAsync(string videoId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The copy is verified: <see cref="MirrorState.Mirrored"/> with the remote id, link and time, and the MD5 of the
    /// verified bytes (what later checks of the copy compare Drive's <c>md5Checksum</c> with; the copy counts as checked
    /// now); clears the error and session; appends <see cref="VideoEventKind.Mirrored"/> and enqueues a <c>mirrored</c>
    /// notification.
    /// </summary>
    Task<bool> MarkMirroredAsync(string videoId, string remoteFileId, string? remoteLink, string? contentMd5 = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A transient failure: <see cref="MirrorState.Retrying"/> with the error and the next attempt time, keeping the
    /// session and remote id; appends <see cref="VideoEventKind.MirrorRetry"/>.
    /// </summary>
    Task<bool> MarkRetryingAsync(string videoId, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// A permanent failure: <see cref="MirrorState.Failed"/> with the reason (the remote id and session are kept so a
    /// requeue cannot duplicate); appends <see cref="VideoEventKind.MirrorFailed"/> and enqueues a <c>failed</c>
    /// notification.
    /// </summary>
    Task<bool> MarkFailedAsync(string videoId, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// The admin's retry: with a <paramref name="videoId"/>, that video if it is failed or retrying; without, every
    /// failed video. Each becomes <see cref="MirrorState.Pending"/>, due now, with its attempt count reset, and gets a
    /// <see cref="VideoEventKind.MirrorRequeued"/> event. Returns how many.
    /// </summary>
    Task<int> RequeueAsync(string? videoId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A mirror was configured on a store that already holds videos: every <see cref="MirrorState.Disabled"/> video
    /// becomes <see cref="MirrorState.Pending"/> with a <see cref="VideoEventKind.MirrorRequeued"/> event. Returns how many.
    /// </summary>
    Task<int> EnableMirroringAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The <see cref="MirrorState.Mirrored"/> videos, least recently checked first (never-checked first), at most
    /// <paramref name="limit"/>: the background check takes the head (an index seek and a short walk), an admin's check
    /// of every copy takes them all.
    /// </summary>
    Task<IReadOnlyList<MirroredCopy>> ReadMirroredCopiesAsync(int limit = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>The video's mirrored copy, or <see langword="null"/> when the video is unknown or not <see cref="MirrorState.Mirrored"/>.</summary>
    Task<MirroredCopy?> FindMirroredCopyAsync(string videoId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A check found the copy intact: records the check time (and <paramref name="contentMd5"/> when none was recorded)
    /// with a <see cref="VideoEventKind.MirrorCopyVerified"/> event. Only while the video is still mirrored as
    /// <paramref name="remoteFileId"/>; <see langword="false"/> (nothing written) otherwise.
    /// </summary>
    Task<bool> MarkCopyCheckedAsync(string videoId, string remoteFileId, string? contentMd5, string detail, CancellationToken cancellationToken = default);

    /// <summary>
    /// A check found the copy gone or wrong, and the local copy is intact: the video goes back to the queue
    /// (<see cref="MirrorState.Pending"/>, due now, attempts reset; the link, verification time and MD5 cleared; the
    /// remote id too when <paramref name="forgetRemoteFile"/>, so the upload creates a new file) with the
    /// <paramref name="found"/> event (<see cref="VideoEventKind.MirrorCopyMissing"/> or
    /// <see cref="VideoEventKind.MirrorCopyCorrupt"/>) and a <see cref="VideoEventKind.MirrorRequeued"/> event. Only
    /// while the video is still mirrored as <paramref name="remoteFileId"/> and its local copy present.
    /// </summary>
    Task<bool> RequeueCopyAsync(string videoId, string remoteFileId, VideoEventKind found, string detail, bool forgetRemoteFile, CancellationToken cancellationToken = default);

    /// <summary>
    /// A check found the copy gone or wrong and no intact local copy exists: the video becomes
    /// <see cref="MirrorState.Failed"/> with <paramref name="detail"/> as its error, with the <paramref name="found"/>
    /// event and a <c>mirrorcopylost</c> notification (the host's <c>MirrorCopyLost</c> event). Only while the video is
    /// still mirrored as <paramref name="remoteFileId"/>.
    /// </summary>
    Task<bool> MarkCopyLostAsync(string videoId, string remoteFileId, VideoEventKind found, string detail, bool forgetRemoteFile, CancellationToken cancellationToken = default);

    /// <summary>Videos waiting to be mirrored: pending, uploading or retrying.</summary>
    Task<long> CountBacklogAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="maxNotifications"/> undelivered, due notifications, oldest first: each gets one
    /// more attempt and is hidden from other claimers for <paramref name="lease"/>. Unless marked delivered in that
    /// time (a crash, a hang), it becomes due again: delivery is at least once.
    /// </summary>
    Task<IReadOnlyList<ManifestNotification>> ClaimDueNotificationsAsync(int maxNotifications, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>When the next undelivered notification is due, or <see langword="null"/> when none waits.</summary>
    Task<DateTimeOffset?> GetNextNotificationDueAtAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks a notification delivered; it is never claimed again.</summary>
    Task<bool> MarkNotificationDeliveredAsync(long sequence, CancellationToken cancellationToken = default);

    /// <summary>Records a failed delivery and when to try again.</summary>
    Task<bool> MarkNotificationFailedAsync(long sequence, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>Deletes notifications delivered before <paramref name="deliveredBefore"/>. Returns how many.</summary>
    Task<int> PurgeDeliveredNotificationsAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes undelivered notifications created before <paramref name="createdBefore"/>: only for a host that
    /// delivers to no handler, so they would otherwise wait forever. Returns how many.
    /// </summary>
    Task<int> PurgeUndeliveredNotificationsAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default);
}
