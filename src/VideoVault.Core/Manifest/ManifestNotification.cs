namespace VideoVault.Manifest;

/// <summary>
/// One entry of the host-notification outbox, written in the same transaction as the change it reports and
/// delivered at least once.
/// </summary>
/// <param name="Sequence">The outbox key, strictly increasing.</param>
/// <param name="VideoId">The video it concerns (the record may since have been deleted).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">A readable detail, e.g. the permanent failure's reason.</param>
/// <param name="CreatedAt">When the change was committed.</param>
/// <param name="Attempts">Delivery attempts so far, this claim included.</param>
/// <param name="LastError">Why the previous delivery failed, if it did.</param>
internal sealed record ManifestNotification(
    long Sequence,
    string VideoId,
    ManifestNotificationKind Kind,
    string? Detail,
    DateTimeOffset CreatedAt,
    int Attempts,
    string? LastError)
{
    internal static string ToStored(ManifestNotificationKind kind) =>
#pragma warning disable CA1308 // The outbox's kinds are lower-case by agreement (stored, mirrored, failed); no round trip to upper.
        kind.ToString().ToLowerInvariant();
#pragma warning restore CA1308
}
