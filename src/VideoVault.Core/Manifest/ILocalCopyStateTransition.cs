namespace VideoVault.Manifest;

/// <summary>
/// A compare-and-set of a record's local-copy state, for maintenance that decides from a snapshot: another process
/// (the admin tool's cleanup, a delete) may have changed the record since, and that change must win.
/// </summary>
internal interface ILocalCopyStateTransition
{
    /// <summary>
    /// Changes the state to <paramref name="state"/> and appends <paramref name="kind"/> in one transaction, but only
    /// while the record is still <paramref name="expected"/>. Returns <see langword="false"/> (and writes nothing)
    /// when the record is gone or in another state.
    /// </summary>
    Task<bool> SetLocalStateAsync(string id, LocalCopyState expected, LocalCopyState state, VideoEventKind kind, string? detail, CancellationToken cancellationToken = default);
}
