using Google.Apis.Util;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// The in-request backoff for 5xx and dropped connections: initial × 2^(n-1) plus up to one initial of jitter,
/// capped. The mirror's own retries between attempts are longer; this only smooths a blip inside one upload.
/// </summary>
internal sealed class DriveBackOff(TimeSpan initial, TimeSpan maximum, int maxRetries) : IBackOff
{
    public int MaxNumOfRetries { get; } = maxRetries;

    public TimeSpan GetNextBackOff(int currentRetry)
    {
        if (currentRetry <= 0 || currentRetry > MaxNumOfRetries)
        {
            return TimeSpan.MinValue;
        }

        var exponential = initial * Math.Pow(2, currentRetry - 1);
        var jitter = initial * Random.Shared.NextDouble();
        var wait = exponential + jitter;
        return wait > maximum ? maximum : wait;
    }
}
