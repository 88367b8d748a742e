namespace VideoVault;

/// <summary>
/// Lets a caller wait a bounded time for a stored video's mirror copy to be verified (registered only when a mirror
/// is enabled). The upload endpoint uses it when <c>VideoVault:Drive:WaitForMirrorSeconds</c> is above zero, to answer
/// with the Drive link as the original service did; the mirror itself always runs in the background.
/// </summary>
public interface IVideoMirrorAwaiter
{
    /// <summary>How long the upload endpoint should wait for the mirror; <see cref="TimeSpan.Zero"/> means not at all.</summary>
    TimeSpan UploadWait { get; }

    /// <summary>
    /// Waits until the video is <see cref="MirrorState.Mirrored"/> or <see cref="MirrorState.Failed"/>, or until
    /// <paramref name="timeout"/> passes, and returns the record as it then is (so its state says which). Returns
    /// <see langword="null"/> when the video is unknown.
    /// </summary>
    /// <param name="videoId">The video's id.</param>
    /// <param name="timeout">The longest time to wait.</param>
    /// <param name="cancellationToken">Cancels the wait (not the mirror).</param>
    /// <returns>The latest record, or <see langword="null"/>.</returns>
    Task<VideoRecord?> WaitForMirrorAsync(string videoId, TimeSpan timeout, CancellationToken cancellationToken = default);
}
