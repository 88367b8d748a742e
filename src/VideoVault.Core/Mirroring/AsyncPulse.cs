namespace VideoVault.Mirroring;

/// <summary>
/// A broadcast wake-up: every waiter that took <see cref="Next"/> before a <see cref="Pulse"/> is released by it.
/// Taking <see cref="Next"/> before looking for work, then awaiting it, cannot miss a pulse that happens in between.
/// </summary>
internal sealed class AsyncPulse
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Releases everyone waiting on <see cref="Next"/>.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
