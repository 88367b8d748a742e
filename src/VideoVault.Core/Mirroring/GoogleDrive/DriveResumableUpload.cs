using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Google;
using Google.Apis.Http;
using Google.Apis.Json;
using Google.Apis.Upload;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// Google's resumable upload loop with our own initiation (metadata, pre-generated id, <c>supportsAllDrives</c>,
/// <c>fields</c>) and with the final files resource kept: <see cref="ResumableUpload.CreateFromUploadUri"/> drops it
/// (drive-protocol.md §2.2).
/// </summary>
internal sealed class DriveResumableUpload : ResumableUpload
{
    private readonly ConfigurableHttpClient _http;
    private readonly Uri _initiationUri;
    private readonly byte[] _metadata;
    private readonly string _mimeType;

    public DriveResumableUpload(Stream content, ConfigurableHttpClient http, Uri initiationUri, byte[] metadata, string mimeType)
        : base(content, new ResumableUploadOptions { HttpClient = http, Serializer = NewtonsoftJsonSerializer.Instance, ServiceName = "drive" })
    {
        _http = http;
        _initiationUri = initiationUri;
        _metadata = metadata;
        _mimeType = mimeType;
    }

    /// <summary>The files resource Drive returned with the final 2xx, once the upload completed.</summary>
    public DriveFile? CompletedFile { get; private set; }

    /// <summary>Why the final response could not be read, if it could not.</summary>
    public string? CompletionProblem { get; private set; }

    public override async Task<Uri> InitiateSessionAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _initiationUri) { Content = new ByteArrayContent(_metadata) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
        request.Headers.TryAddWithoutValidation("X-Upload-Content-Type", _mimeType);
        request.Headers.TryAddWithoutValidation("X-Upload-Content-Length", ContentStream.Length.ToString(CultureInfo.InvariantCulture));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ExceptionForResponseAsync(response).ConfigureAwait(false);
        }

        var location = response.Headers.Location
            ?? throw new GoogleApiException("drive", $"Drive answered the upload initiation with {(int)response.StatusCode} but no Location header.");
        return location.IsAbsoluteUri ? location : new Uri(_initiationUri, location);
    }

    protected override void ProcessResponse(HttpResponseMessage httpResponse)
    {
        ArgumentNullException.ThrowIfNull(httpResponse);

        // ResumableUpload calls this synchronously with the (already buffered) final response.
        try
        {
            using var body = httpResponse.Content.ReadAsStream();
            var resource = JsonSerializer.Deserialize(body, DriveJsonContext.Default.DriveFileResource);
            CompletedFile = resource?.ToDriveFile();
            CompletionProblem = CompletedFile is null ? "Drive completed the upload with an empty body." : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or IOException)
        {
            CompletionProblem = $"Drive completed the upload but its files resource could not be read: {ex.Message}";
        }
    }
}
