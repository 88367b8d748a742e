using System.Net.Http.Headers;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>The innermost HTTP handler: records each response's <c>Retry-After</c> into the current <see cref="RetryAfterCapture"/>.</summary>
internal sealed class RetryAfterCaptureHandler(HttpMessageHandler inner, TimeProvider timeProvider) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        RetryAfterCapture.Current?.Record(Parse(response.Headers.RetryAfter, timeProvider));
        return response;
    }

    public static TimeSpan? Parse(RetryConditionHeaderValue? header, TimeProvider timeProvider) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
