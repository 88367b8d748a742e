namespace VideoVault.Events;

/// <summary>How the <see cref="NotificationDispatcher"/> delivers the outbox; the defaults suit production.</summary>
internal sealed class VideoVaultEventOptions
{
    /// <summary>How many events one claim takes.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>How long a claimed event is hidden from other claimers; a crash mid-delivery redelivers it after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first delay after a handler threw; it doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest delay between deliveries of a failing event.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the outbox is checked without a wake-up (events written by another process, e.g. the admin tool).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delivered events older than this are purged from the outbox.</summary>
    public TimeSpan KeepDelivered { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// In a host with no handler, undelivered events older than this are purged at start-up: nothing would ever
    /// deliver them. Generous, so a host that adds a handler soon after still gets the recent ones.
    /// </summary>
    public TimeSpan KeepUndeliveredWithoutHandler { get; set; } = TimeSpan.FromDays(7);
}
