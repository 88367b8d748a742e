namespace VideoVault.Manifest;

/// <summary>The commit of a restore: the record back to present, its audit event and its host event, in one transaction.</summary>
internal interface IRestoreManifest
{
    /// <summary>
    /// Marks the video <see cref="LocalCopyState.Present"/> with a <see cref="VideoEventKind.Restored"/> event and a
    /// restored host notification, in one transaction, but only while its local state is still
    /// <paramref name="expected"/>. Returns <see langword="false"/> (and writes nothing) when the record is gone or in
    /// another state.
    /// </summary>
    Task<bool> MarkRestoredAsync(string id, LocalCopyState expected, string? detail, CancellationToken cancellationToken = default);
}
