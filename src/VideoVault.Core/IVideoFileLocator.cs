namespace VideoVault;

/// <summary>
/// Where a stored video's bytes are on this machine, for a host that serves them itself (the download endpoint hands
/// the path to the web server's file sender, which does ranges and conditional requests). Registered by
/// <c>AddVideoVault()</c>. The path is for the server alone: never put it in an answer to a client.
/// </summary>
public interface IVideoFileLocator
{
    /// <summary>
    /// Looks the video up by its id or stored name and says whether its local file can be read now: with the absolute
    /// path when it can, or why not (unknown video, local copy removed by cleanup, local copy missing). A record that
    /// says present whose file is not on disk is reported <see cref="VideoFileAvailability.Missing"/> (and logged); the
    /// record itself is left for <c>verify</c> and <c>reconcile</c> to change.
    /// </summary>
    /// <param name="idOrStoredName">The video's id or its stored file name.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<VideoFileLocation> LocateAsync(string idOrStoredName, CancellationToken cancellationToken = default);
}
