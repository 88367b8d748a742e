namespace VideoVault;

/// <summary>The state of a video's local copy.</summary>
public enum LocalCopyState
{
    /// <summary>The file is in the store.</summary>
    Present = 0,

    /// <summary>The record exists but its file is gone, found by reconciliation. An alarm, never a silent drop.</summary>
    Missing = 1,

    /// <summary>The local copy was removed on purpose (cleanup) after it was verified on the mirror.</summary>
    Removed = 2,
}
