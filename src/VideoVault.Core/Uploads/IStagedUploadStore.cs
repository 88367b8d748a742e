namespace VideoVault;

/// <summary>
/// Uploads that arrive in pieces (the core of tus): create one, append bytes at its offset from any number of
/// requests, read its durable offset, complete it into an ordinary stored video, or cancel it. All members are safe to
/// call concurrently; one upload takes one append at a time.
/// </summary>
/// <remarks>
/// <para>
/// A resumable upload's bytes live under the store root (<c>.incoming/resumable/</c>, on the file system of
/// <c>videos/</c>) and its state in the manifest, so it survives a host restart. Every offset this store reports is
/// durable: the bytes below it are fsync'd and the offset committed to the manifest before the call returns. After
/// a crash, an upload resumes from its last durable offset and any bytes past it are discarded.
/// </para>
/// <para>
/// SHA-256 is computed once over the whole video while it streams. Where a restart lost that state, the bytes already
/// on disk are hashed again, once, before new bytes are taken; the recorded hash is always computed over the final bytes.
/// </para>
/// <para>
/// <see cref="CompleteAsync"/> publishes through the same commit as <see cref="IVideoStore.SaveAsync"/> (which is
/// itself a one-piece staged upload): fsync, rename without overwrite, directory fsync, then the video's manifest row,
/// its mirror job and the upload's completion in one transaction.
/// </para>
/// </remarks>
public interface IStagedUploadStore
{
    /// <summary>
    /// Starts an upload. A declared length is checked against <see cref="VideoVaultOptions.MaxFileSizeBytes"/> and, together
    /// with the bytes that other unfinished uploads have declared but not yet sent, against
    /// <see cref="VideoVaultOptions.MinFreeSpaceBytes"/>.
    /// </summary>
    /// <returns><see cref="StagedUploadOutcome.Accepted"/> with the new upload, or a refusal (too large, insufficient storage).</returns>
    Task<StagedUploadResult> CreateAsync(StagedUploadRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="content"/> at <paramref name="offset"/>, which must equal the upload's durable offset.
    /// The container is sniffed as soon as the first 4 KiB are in; a piece that would pass the declared length, or the
    /// size limit, is refused whole. When the call returns <see cref="StagedUploadOutcome.Accepted"/>, the new offset is durable.
    /// </summary>
    /// <remarks>
    /// If reading <paramref name="content"/> fails (the client went away), the bytes received before the failure are
    /// kept and made durable, so the client resumes from there, and the exception propagates. With a
    /// <see cref="StagedAppendOptions.Checksum"/> nothing of an incomplete or mismatching piece is kept.
    /// </remarks>
    Task<StagedUploadResult> AppendAsync(string uploadId, long offset, Stream content, StagedAppendOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The upload's durable state, including completed uploads (until they would have expired) and expired ones not yet
    /// removed; <see cref="StagedUploadOutcome.Unknown"/> when there is no such upload.
    /// </summary>
    Task<StagedUploadResult> GetAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Sets the length of an upload created without one (tus's deferred length); it cannot change once set.</summary>
    Task<StagedUploadResult> DeclareLengthAsync(string uploadId, long length, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes a finished upload (its offset equals its length, or with no declared length, everything appended so far)
    /// as a stored video and returns it in <see cref="StagedUploadResult.Video"/>. Completing an upload that is already
    /// complete returns its video again, so a client that lost the answer can ask twice.
    /// </summary>
    /// <param name="uploadId">The upload.</param>
    /// <param name="completion">Metadata learned after the bytes (the multipart form's trailing fields); may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for the upload; once publishing began it runs to its end.</param>
    Task<StagedUploadResult> CompleteAsync(string uploadId, StagedUploadCompletion? completion = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels an unfinished upload (tus's termination) and removes its bytes. A completed upload's video is not touched.</summary>
    Task<StagedUploadResult> CancelAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Lists the resumable uploads the manifest holds, unfinished first, oldest first.</summary>
    IAsyncEnumerable<StagedUpload> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every upload whose <see cref="StagedUpload.ExpiresAt"/> has passed (an unfinished one with its bytes, a
    /// completed one's record only). The store also does this at start-up and periodically.
    /// </summary>
    /// <param name="dryRun">Only report what would be removed.</param>
    /// <param name="cancellationToken">Stops between uploads.</param>
    /// <returns>The uploads removed (or that would be).</returns>
    Task<IReadOnlyList<StagedUpload>> ExpireAsync(bool dryRun = false, CancellationToken cancellationToken = default);
}
