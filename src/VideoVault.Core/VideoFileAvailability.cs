namespace VideoVault;

/// <summary>Whether a video's local file can be read, and if not, why (<see cref="IVideoFileLocator"/>).</summary>
public enum VideoFileAvailability
{
    /// <summary>No video has that id or stored name.</summary>
    NotFound = 0,

    /// <summary>The local file is there; <see cref="VideoFileLocation.PhysicalPath"/> names it.</summary>
    Present = 1,

    /// <summary>The local copy was removed on purpose (cleanup, after the mirror copy was verified).</summary>
    Removed = 2,

    /// <summary>The local file is gone although nobody removed it (found by reconcile or verify, or just now).</summary>
    Missing = 3,
}
