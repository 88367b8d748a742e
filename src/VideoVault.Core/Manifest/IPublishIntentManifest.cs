namespace VideoVault.Manifest;

/// <summary>
/// The manifest's side of publishing without losing a video to a crash: an intent is committed before the rename into
/// <c>videos/</c> and deleted by the transaction that inserts its video (<see cref="IVideoManifest.AddAsync"/>,
/// <see cref="IUploadManifest.AddVideoFromUploadAsync"/>), so the intents left at start-up are the only uploads a crash
/// can have caught between the rename and the commit. Internal, like <see cref="IUploadManifest"/>: the public
/// <see cref="IVideoManifest"/> stays as it is, and a store whose manifest lacks this falls back to the full walk.
/// </summary>
internal interface IPublishIntentManifest
{
    /// <summary>
    /// Commits <paramref name="intent"/> durably, replacing an earlier intent of the same video (a completion tried
    /// again after its publish failed before the rename).
    /// </summary>
    Task AddPublishIntentAsync(PublishIntent intent, CancellationToken cancellationToken = default);

    /// <summary>Deletes the video's intent; <see langword="false"/> when there was none.</summary>
    Task<bool> RemovePublishIntentAsync(string videoId, CancellationToken cancellationToken = default);

    /// <summary>Every intent, oldest first. Only uploads in flight (or caught by a crash) have one, so the list is short.</summary>
    Task<IReadOnlyList<PublishIntent>> ReadPublishIntentsAsync(CancellationToken cancellationToken = default);
}
