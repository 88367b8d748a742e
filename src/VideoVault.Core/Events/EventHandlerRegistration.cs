namespace VideoVault.Events;

/// <summary>
/// Present in DI when the host added an event handler (and so the dispatcher): without it the outbox has no reader,
/// and start-up purges its old undelivered events.
/// </summary>
internal sealed class EventHandlerRegistration;
