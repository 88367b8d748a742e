namespace VideoVault;

/// <summary>The answer of <see cref="IVideoFileLocator.LocateAsync"/>: a video's record and where its local file is.</summary>
/// <param name="Availability">Whether the local file can be read, or why not.</param>
/// <param name="Video">The video's record; <see langword="null"/> only for <see cref="VideoFileAvailability.NotFound"/>.</param>
/// <param name="PhysicalPath">
/// The file's absolute path, only for <see cref="VideoFileAvailability.Present"/>. A server path: log it if needed, never
/// send it to a client. The file can still vanish before it is opened; a reader must handle that.
/// </param>
public sealed record VideoFileLocation(VideoFileAvailability Availability, VideoRecord? Video, string? PhysicalPath)
{
    /// <summary>The answer for an id or name no video has.</summary>
    public static VideoFileLocation NotFound { get; } = new(VideoFileAvailability.NotFound, null, null);
}
