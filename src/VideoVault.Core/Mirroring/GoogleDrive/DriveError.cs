namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>A classified Drive failure.</summary>
/// <param name="Kind">What to do about it.</param>
/// <param name="Message">A readable explanation (for the record's last error and the logs).</param>
/// <param name="StatusCode">The HTTP status, when Drive answered.</param>
/// <param name="Reason">Google's <c>errors[0].reason</c> (or the OAuth error code), when given.</param>
/// <param name="RetryAfter">How long Drive asked to wait, from <c>Retry-After</c>.</param>
internal sealed record DriveError(DriveErrorKind Kind, string Message, int? StatusCode = null, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public override string ToString() =>
        $"{Kind}: {Message}{(StatusCode is { } s ? $" (HTTP {s}{(Reason is null ? "" : " " + Reason)})" : "")}";
}
