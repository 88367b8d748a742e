using Google.Apis.Http;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>Google's client factory with <see cref="RetryAfterCaptureHandler"/> under its message handler.</summary>
internal sealed class DriveHttpClientFactory(TimeProvider timeProvider) : HttpClientFactory
{
    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) =>
        new RetryAfterCaptureHandler(base.CreateHandler(args), timeProvider);
}
