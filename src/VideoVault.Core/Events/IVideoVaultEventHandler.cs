namespace VideoVault.Events;

/// <summary>
/// A host's reaction to what happens to videos (notify editors, call a webhook, start processing). Register it with
/// <c>builder.AddEventHandler&lt;T&gt;()</c>. Events come from a durable outbox written in the same transaction as the
/// change: every registered handler is called at least once per event, oldest first, even across restarts.
/// A handler that throws gets the event again later (with backoff) until it succeeds, so handlers must tolerate
/// repeats (use <see cref="VideoVaultEvent.Sequence"/>). A handler is never called concurrently with itself.
/// </summary>
public interface IVideoVaultEventHandler
{
    /// <summary>Handles one event. Throw to have it delivered again later.</summary>
    /// <param name="videoEvent">The event.</param>
    /// <param name="cancellationToken">Signalled when the host stops.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    Task HandleAsync(VideoVaultEvent videoEvent, CancellationToken cancellationToken);
}
