namespace VideoVault.Storage;

/// <summary>Where a video's local file is (<see cref="IVideoFileLocator"/>), for hosts that send it themselves.</summary>
internal sealed partial class LocalVideoStore : IVideoFileLocator
{
    public async Task<VideoFileLocation> LocateAsync(string idOrStoredName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrStoredName);
        var video = await FindAsync(idOrStoredName, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            return VideoFileLocation.NotFound;
        }

        switch (video.LocalState)
        {
            case LocalCopyState.Removed:
                return new VideoFileLocation(VideoFileAvailability.Removed, video, null);
            case LocalCopyState.Missing:
                return new VideoFileLocation(VideoFileAvailability.Missing, video, null);
        }

        // One stat, so a file deleted by hand reads as missing rather than as an error while it is sent.
        var path = _paths.ResolveVideo(video.RelativePath);
        if (!File.Exists(path))
        {
            Log.FileOfRecordMissing(_logger, video.Id, video.RelativePath);
            return new VideoFileLocation(VideoFileAvailability.Missing, video, null);
        }

        return new VideoFileLocation(VideoFileAvailability.Present, video, path);
    }
}
