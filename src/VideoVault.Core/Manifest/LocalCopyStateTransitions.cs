namespace VideoVault.Manifest;

/// <summary>The conditional local-state change on any <see cref="IVideoManifest"/>.</summary>
internal static class LocalCopyStateTransitions
{
    /// <summary>
    /// Changes the local-copy state only while it is still <paramref name="expected"/>: atomically on the built-in
    /// manifest; on a host's own manifest by reading the record first, which narrows the race but cannot close it.
    /// </summary>
    public static async Task<bool> SetLocalStateIfAsync(
        this IVideoManifest manifest,
        string id,
        LocalCopyState expected,
        LocalCopyState state,
        VideoEventKind kind,
        string? detail,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest is ILocalCopyStateTransition transition)
        {
            return await transition.SetLocalStateAsync(id, expected, state, kind, detail, cancellationToken).ConfigureAwait(false);
        }

        var current = await manifest.FindAsync(id, cancellationToken).ConfigureAwait(false);
        return current is not null && current.LocalState == expected
            && await manifest.SetLocalStateAsync(id, state, kind, detail, cancellationToken).ConfigureAwait(false);
    }
}
