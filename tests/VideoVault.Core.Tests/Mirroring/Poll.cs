namespace VideoVault.Tests.Mirroring;

/// <summary>
/// The mirroring tests' one wait: re-reads something the background worker (or the fake Drive) changes until it is
/// as expected, and fails with what it last saw once the timeout passes.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Reads until <paramref name="done"/> holds and returns that value; throws <see cref="TimeoutException"/> with <paramref name="describe"/> of the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, Func<T, string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(describe(value));
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (20 seconds at most).</summary>
    public static Task UntilAsync(Func<bool> condition) =>
        UntilAsync(() => Task.FromResult(condition()), met => met, TimeSpan.FromSeconds(20), _ => "The condition did not become true in time.");
}
