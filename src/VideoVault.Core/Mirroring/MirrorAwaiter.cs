using Microsoft.Extensions.Options;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Mirroring;

/// <summary>
/// Waits on the worker's progress pulse and re-reads the record after each one; also re-reads every second, because the
/// worker of another process (or a missed pulse) changes the manifest without telling us.
/// </summary>
internal sealed class MirrorAwaiter : IVideoMirrorAwaiter
{
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly IVideoManifest _manifest;
    private readonly MirrorSignals _signals;
    private readonly TimeProvider _timeProvider;

    public MirrorAwaiter(IVideoManifest manifest, MirrorSignals signals, TimeProvider timeProvider, IOptions<GoogleDriveMirrorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _manifest = manifest;
        _signals = signals;
        _timeProvider = timeProvider;
        UploadWait = TimeSpan.FromSeconds(Math.Max(0, options.Value.WaitForMirrorSeconds));
    }

    public TimeSpan UploadWait { get; }

    public async Task<VideoRecord?> WaitForMirrorAsync(string videoId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(videoId);
        var deadline = _timeProvider.GetUtcNow() + (timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        while (true)
        {
            var progressed = _signals.Progressed.Next;
            var video = await _manifest.FindAsync(videoId, cancellationToken).ConfigureAwait(false);
            var remaining = deadline - _timeProvider.GetUtcNow();
            if (video is null || IsSettled(video.Mirror.State) || remaining <= TimeSpan.Zero)
            {
                return video;
            }

            using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(remaining < RecheckInterval ? remaining : RecheckInterval, _timeProvider, delayCancellation.Token);
            await Task.WhenAny(progressed, delay).ConfigureAwait(false);
            await delayCancellation.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static bool IsSettled(MirrorState state) => state is MirrorState.Mirrored or MirrorState.Failed or MirrorState.Disabled;
}
