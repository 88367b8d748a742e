namespace VideoVault.Maintenance;

/// <summary>Restores from the mirror (see <see cref="VideoRestorer"/>), and the automatic restore after verify.</summary>
internal sealed partial class VideoMaintenance
{
    public Task<VideoRestoreResult> RestoreAsync(string idOrStoredName, IProgress<RestoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrStoredName);
        return Restorer.RestoreAsync(idOrStoredName, progress, cancellationToken);
    }

    public Task<IReadOnlyList<VideoRestoreResult>> RestoreAllMissingAsync(
        bool includeRemoved = false, IProgress<RestoreProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Restorer.RestoreAllMissingAsync(includeRemoved, progress, cancellationToken);

    private VideoRestorer Restorer => _restorer ?? throw new InvalidOperationException(
        $"Restoring needs the {nameof(VideoRestorer)} that AddVideoVault registers; resolve {nameof(IVideoMaintenance)} from the service provider.");

    /// <summary>With automatic restore on: restores a copy verification found missing or corrupt, when a verified Drive copy exists.</summary>
    private async Task<VideoVerification?> RestoreIfLostAsync(VideoVerification? verification, CancellationToken cancellationToken)
    {
        if (verification is null
            || _restorer is not { RestoresAutomatically: true }
            || verification.Outcome is not (VerificationOutcome.Missing or VerificationOutcome.Corrupt)
            || verification.Video.Mirror.State != MirrorState.Mirrored)
        {
            return verification;
        }

        var restore = await _restorer.RestoreAsync(verification.Video, verification.Video.StoredName, progress: null, cancellationToken).ConfigureAwait(false);
        return verification with { Restore = restore };
    }

    private async Task<IReadOnlyList<VideoVerification>> RestoreIfLostAsync(IReadOnlyList<VideoVerification> verifications, CancellationToken cancellationToken)
    {
        if (_restorer is not { RestoresAutomatically: true })
        {
            return verifications;
        }

        var results = new List<VideoVerification>(verifications.Count);
        foreach (var verification in verifications)
        {
            results.Add((await RestoreIfLostAsync(verification, cancellationToken).ConfigureAwait(false))!);
        }

        return results;
    }
}
