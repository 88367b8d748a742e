namespace VideoVault.FakeDrive;

/// <summary>
/// A fault the fake Drive injects into one request instead of (or before) answering it normally. Create one with
/// the factory methods and hand it to <see cref="FakeDriveFaults"/>.
/// </summary>
public sealed class DriveFault
{
    private DriveFault(DriveFaultKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    internal DriveFaultKind Kind { get; }

    internal int StatusCode { get; private init; }

    internal string Reason { get; private init; } = "";

    internal string Domain { get; private init; } = "global";

    internal string Message { get; private init; } = "";

    internal TimeSpan? RetryAfter { get; private init; }

    internal TimeSpan Delay { get; private init; }

    internal long Bytes { get; private init; }

    internal bool PersistReceived { get; private init; }

    internal int Count { get; private init; }

    /// <summary>A readable description, recorded in the request log.</summary>
    public string Description { get; }

    /// <summary>Answers with a Google error body: <c>{"error":{"code":..,"message":..,"errors":[{"domain","reason","message"}]}}</c>.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="reason">The <c>errors[0].reason</c>.</param>
    /// <param name="message">The message.</param>
    /// <param name="domain">The <c>errors[0].domain</c>.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> header to send, if any.</param>
    public static DriveFault Error(int statusCode, string reason, string message, string domain = "global", TimeSpan? retryAfter = null) =>
        new(DriveFaultKind.Error, $"{statusCode} {reason}")
        {
            StatusCode = statusCode,
            Reason = reason,
            Message = message,
            Domain = domain,
            RetryAfter = retryAfter,
        };

    /// <summary>A 5xx with reason <c>backendError</c>.</summary>
    /// <param name="statusCode">500, 502, 503 or 504.</param>
    public static DriveFault ServerError(int statusCode = 503) =>
        Error(statusCode, "backendError", "Backend Error");

    /// <summary>A 429 <c>rateLimitExceeded</c> (domain <c>usageLimits</c>).</summary>
    /// <param name="retryAfter">A <c>Retry-After</c> header to send, if any.</param>
    public static DriveFault TooManyRequests(TimeSpan? retryAfter = null) =>
        Error(429, "rateLimitExceeded", "Rate Limit Exceeded", "usageLimits", retryAfter);

    /// <summary>A 403 <c>rateLimitExceeded</c> (domain <c>usageLimits</c>).</summary>
    /// <param name="retryAfter">A <c>Retry-After</c> header to send, if any.</param>
    public static DriveFault RateLimitExceeded(TimeSpan? retryAfter = null) =>
        Error(403, "rateLimitExceeded", "Rate Limit Exceeded", "usageLimits", retryAfter);

    /// <summary>A 403 <c>userRateLimitExceeded</c> (domain <c>usageLimits</c>).</summary>
    /// <param name="retryAfter">A <c>Retry-After</c> header to send, if any.</param>
    public static DriveFault UserRateLimitExceeded(TimeSpan? retryAfter = null) =>
        Error(403, "userRateLimitExceeded", "User Rate Limit Exceeded", "usageLimits", retryAfter);

    /// <summary>The 403 <c>storageQuotaExceeded</c> a service account gets when uploading into its own My Drive.</summary>
    public static DriveFault StorageQuotaExceeded() =>
        Error(403, "storageQuotaExceeded",
            "Service Accounts do not have storage quota. Leverage shared drives (https://developers.google.com/workspace/drive/api/guides/about-shareddrives), or use OAuth delegation (http://support.google.com/a/answer/7281227) instead.");

    /// <summary>The 403 <c>uploadLimitExceeded</c> of the daily upload cap.</summary>
    public static DriveFault UploadLimitExceeded() =>
        Error(403, "uploadLimitExceeded", "The user has exceeded their Drive upload limit", "usageLimits");

    /// <summary>A 403 <c>insufficientFilePermissions</c>.</summary>
    public static DriveFault InsufficientFilePermissions() =>
        Error(403, "insufficientFilePermissions", "The user does not have sufficient permissions for this file.");

    /// <summary>
    /// A 401: the bearer token presented is revoked, so the client must fetch a new one from <c>/token</c> (and the
    /// fake then accepts it).
    /// </summary>
    public static DriveFault Unauthorized() => new(DriveFaultKind.Unauthorized, "401 token revoked");

    /// <summary>An OAuth <c>400 invalid_grant</c> from <c>/token</c> (revoked or deleted key).</summary>
    public static DriveFault InvalidGrant() => new(DriveFaultKind.InvalidGrant, "400 invalid_grant");

    /// <summary>The session is forgotten and the request answered 404, as after a week of inactivity.</summary>
    public static DriveFault ExpiredSession() => new(DriveFaultKind.ExpiredSession, "404 session expired");

    /// <summary>
    /// Reads up to <paramref name="afterBytes"/> bytes of the body, then aborts the connection without an answer.
    /// </summary>
    /// <param name="afterBytes">How many body bytes to read first.</param>
    /// <param name="persistReceived">For chunks: keep the bytes read (as Drive may have), so the next status query reports them.</param>
    public static DriveFault ResetConnection(long afterBytes = 0, bool persistReceived = false) =>
        new(DriveFaultKind.Reset, $"reset after {afterBytes} bytes{(persistReceived ? " (persisted)" : "")}")
        {
            Bytes = afterBytes,
            PersistReceived = persistReceived,
        };

    /// <summary>
    /// For chunks: reads the whole chunk but persists only its first <paramref name="bytes"/> bytes and answers 308
    /// with the smaller <c>Range</c> (even for the final chunk).
    /// </summary>
    /// <param name="bytes">How many bytes of this chunk to keep.</param>
    public static DriveFault PartialPersist(long bytes) =>
        new(DriveFaultKind.PartialPersist, $"persist {bytes} bytes of the chunk") { Bytes = bytes };

    /// <summary>
    /// For session requests: the session loses everything it stored and answers 308 without a <c>Range</c>
    /// ("nothing received"), so the client must start again from byte 0.
    /// </summary>
    public static DriveFault MissingRange() => new(DriveFaultKind.MissingRange, "308 without Range");

    /// <summary>A 404 <c>notFound</c>, as for a file that was deleted or that the account cannot see.</summary>
    public static DriveFault FileNotFound() => Error(404, "notFound", "File not found.");

    /// <summary>
    /// For downloads: sends the status and the headers with the full <c>Content-Length</c>, then only the first
    /// <paramref name="afterBytes"/> bytes of the body, and ends the response there, so the connection closes with
    /// the body short of its promised length.
    /// </summary>
    /// <param name="afterBytes">How many body bytes to send before stopping.</param>
    public static DriveFault TruncatedDownload(long afterBytes) =>
        new(DriveFaultKind.TruncateBody, $"truncate the download after {afterBytes} bytes") { Bytes = afterBytes };

    /// <summary>For downloads: sends the first <paramref name="afterBytes"/> bytes of the body, then aborts (resets) the connection.</summary>
    /// <param name="afterBytes">How many body bytes to send first.</param>
    public static DriveFault ResetDownload(long afterBytes) =>
        new(DriveFaultKind.ResetBody, $"reset the download after {afterBytes} bytes") { Bytes = afterBytes };

    /// <summary>
    /// For downloads: answers normally, with the right length and headers, but with <paramref name="count"/> bytes
    /// from file offset <paramref name="fileOffset"/> on inverted (when the range served covers them). The file's
    /// reported checksums stay right: only this transfer is wrong.
    /// </summary>
    /// <param name="fileOffset">The offset in the file of the first byte to alter.</param>
    /// <param name="count">How many bytes to alter.</param>
    public static DriveFault CorruptDownload(long fileOffset, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(DriveFaultKind.CorruptBody, $"alter {count} byte(s) at {fileOffset} of the download") { Bytes = fileOffset, Count = count };
    }

    /// <summary>Waits before handling the request normally (a slow server).</summary>
    /// <param name="delay">How long to wait.</param>
    public static DriveFault Slow(TimeSpan delay) =>
        new(DriveFaultKind.Delay, $"delay {delay.TotalMilliseconds} ms") { Delay = delay };

    /// <inheritdoc />
    public override string ToString() => Description;
}

internal enum DriveFaultKind
{
    Error,
    Unauthorized,
    InvalidGrant,
    ExpiredSession,
    Reset,
    PartialPersist,
    MissingRange,
    Delay,
    TruncateBody,
    ResetBody,
    CorruptBody,
}
