namespace VideoVault.Mirroring;

/// <summary>
/// Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS architecture blog): a random delay
/// between zero and min(max, initial·2^(attempt−1)), so many videos failing together do not retry in lock-step;
/// a server's <c>Retry-After</c> is a floor.
/// </summary>
internal sealed class MirrorBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Func<double> _random;

    public MirrorBackoff(TimeSpan initial, TimeSpan max, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>The delay before the attempt after <paramref name="attempt"/> (1-based) failed.</summary>
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter = null)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(_max.TotalMilliseconds, _initial.TotalMilliseconds * Math.Pow(2, exponent));
        var delay = TimeSpan.FromMilliseconds(ceiling * _random());
        return retryAfter is { } floor && floor > delay ? floor : delay;
    }
}
