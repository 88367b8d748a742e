using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Maintenance;

/// <summary>
/// How long one restore keeps trying: transient Drive errors (5xx, 429, 403 rate limits, a broken connection) are
/// retried after an exponential backoff with jitter that never undercuts Drive's <c>Retry-After</c>, until
/// <see cref="GoogleDriveMirrorOptions.RestoreMaxAttempts"/> requests in a row fail without bringing a byte more to
/// disk; a request that made progress resumes at once. Anything else ends the restore.
/// </summary>
internal sealed class RestoreRetryBudget(GoogleDriveMirrorOptions options, TimeProvider timeProvider)
{
    private int _failuresInARow;

    /// <summary>Waits before the next try; returns why to give up instead, or null to try again.</summary>
    public async Task<string?> WaitOrGiveUpAsync(DriveError error, bool madeProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Kind != DriveErrorKind.Transient)
        {
            return $"Drive refused: {error.Message}";
        }

        _failuresInARow = madeProgress ? 0 : _failuresInARow + 1;
        if (_failuresInARow >= options.RestoreMaxAttempts)
        {
            return $"Drive kept failing ({_failuresInARow} tries in a row without progress; the last: {error.Message})";
        }

        if (error.RetryAfter is { } asked && asked > options.MaxBackoff)
        {
            return $"Drive asked to wait {asked.TotalSeconds:0} s, longer than VideoVault:Drive:MaxBackoff ({options.MaxBackoff.TotalSeconds:0} s); try again later";
        }

        var wait = Delay(_failuresInARow, error.RetryAfter, options.InitialBackoff, options.MaxBackoff, Random.Shared.NextDouble());
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// The wait before the next try after <paramref name="failuresInARow"/> failures without progress: none after
    /// progress, else initial × 2^(n-1) plus up to one initial of jitter, capped at <paramref name="maximum"/>; never
    /// less than <paramref name="retryAfter"/>.
    /// </summary>
    internal static TimeSpan Delay(int failuresInARow, TimeSpan? retryAfter, TimeSpan initial, TimeSpan maximum, double jitter)
    {
        var floor = retryAfter ?? TimeSpan.Zero;
        if (failuresInARow <= 0)
        {
            return floor;
        }

        var exponential = initial * Math.Pow(2, Math.Min(failuresInARow - 1, 30)) + initial * jitter;
        var wait = exponential > maximum ? maximum : exponential;
        return wait > floor ? wait : floor;
    }
}
