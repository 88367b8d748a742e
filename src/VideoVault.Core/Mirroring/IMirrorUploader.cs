using VideoVault.Manifest;

namespace VideoVault.Mirroring;

/// <summary>
/// Runs one claimed mirror job to its next state (mirrored, retrying or failed, written to the queue). The worker owns
/// scheduling and parallelism; an uploader owns one mirror's protocol.
/// </summary>
internal interface IMirrorUploader
{
    /// <summary>Runs the attempt. Cancellation (the host stopping) leaves the job claimed, to be resumed after a restart.</summary>
    Task<MirrorJobOutcome> RunAsync(MirrorJob job, CancellationToken cancellationToken);
}
