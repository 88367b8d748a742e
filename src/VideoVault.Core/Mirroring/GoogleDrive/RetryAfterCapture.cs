namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// Remembers the last <c>Retry-After</c> seen by the requests of one logical call. ResumableUpload turns error
/// responses into exceptions without their headers, so the HTTP handler below records them into the capture that
/// flows with the call (an <see cref="AsyncLocal{T}"/>; parallel uploads each have their own).
/// </summary>
internal sealed class RetryAfterCapture : IDisposable
{
    private static readonly AsyncLocal<RetryAfterCapture?> CurrentCapture = new();
    private readonly RetryAfterCapture? _previous;

    private RetryAfterCapture()
    {
        _previous = CurrentCapture.Value;
        CurrentCapture.Value = this;
    }

    public static RetryAfterCapture? Current => CurrentCapture.Value;

    public TimeSpan? RetryAfter { get; private set; }

    public static RetryAfterCapture Begin() => new();

    public void Record(TimeSpan? retryAfter) => RetryAfter = retryAfter;

    public void Dispose() => CurrentCapture.Value = _previous;
}
