namespace VideoVault.Storage;

/// <summary>How <see cref="LocalVideoStore.PublishRestoredAsync"/> ended.</summary>
internal enum RestorePublicationOutcome
{
    /// <summary>The file is at the record's path and the record says present.</summary>
    Published,

    /// <summary>A file appeared at the path after the restore looked; nothing was renamed.</summary>
    Occupied,

    /// <summary>The record was deleted meanwhile; the published file was taken back down.</summary>
    RecordGone,

    /// <summary>The record's local state changed meanwhile to neither the expected one nor present; the file stays.</summary>
    StateChanged,
}

/// <summary>The result of publishing a restore, and where a wrong local file was moved to (store-relative), if one was.</summary>
internal sealed record RestorePublication(RestorePublicationOutcome Outcome, string? QuarantinedPath);
