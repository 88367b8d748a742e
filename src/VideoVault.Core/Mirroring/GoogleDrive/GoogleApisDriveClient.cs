using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Http;
using Google.Apis.Upload;
using Microsoft.Extensions.Logging;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// <see cref="IDriveClient"/> on Google.Apis 1.78.0 without the generated DriveService: one
/// <see cref="ConfigurableHttpClient"/> (credential, in-request backoff for 5xx and dropped connections) shared by
/// the metadata calls and a <see cref="DriveResumableUpload"/> per upload. 429 and 403 rate limits are not retried
/// here: they come back classified, with Retry-After, for the mirror to schedule.
/// </summary>
internal sealed partial class GoogleApisDriveClient : IDriveClient, IDisposable
{
    /// <summary>The files resource fields every call asks for.</summary>
    public const string FileFields = "id,name,mimeType,size,md5Checksum,sha256Checksum,webViewLink,appProperties,parents,trashed";

    private const int PageSize = 100;
    private const int MinimumThroughputBytesPerSecond = 64 * 1024;
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(100);
    private static readonly TimeSpan MaxInRequestBackoff = TimeSpan.FromSeconds(32);

    private readonly GoogleDriveMirrorOptions _options;
    private readonly ILogger<GoogleApisDriveClient> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConfigurableHttpClient _http;
    private readonly Uri _filesUri;
    private readonly Uri _uploadUri;
    private readonly string _folderId;

    public GoogleApisDriveClient(GoogleDriveMirrorOptions options, GoogleCredential credential, ILogger<GoogleApisDriveClient> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.ChunkSizeBytes < GoogleDriveMirrorOptions.ChunkGranularity || options.ChunkSizeBytes % GoogleDriveMirrorOptions.ChunkGranularity != 0)
        {
            throw new ArgumentException(
                $"VideoVault:Drive:ChunkSizeBytes is {options.ChunkSizeBytes}; Drive needs a multiple of 262144 (256 KiB).", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.FolderId))
        {
            throw new ArgumentException("VideoVault:Drive:FolderId is not set.", nameof(options));
        }

        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        _folderId = options.FolderId;
        var root = options.BaseUri.AbsoluteUri.EndsWith('/') ? options.BaseUri : new Uri(options.BaseUri.AbsoluteUri + "/");
        _filesUri = new Uri(root, "drive/v3/files");
        _uploadUri = new Uri(root, "upload/drive/v3/files");

        var args = new CreateHttpClientArgs { ApplicationName = options.ApplicationName, GZipEnabled = true };
        args.Initializers.Add(credential);
        _http = new DriveHttpClientFactory(timeProvider).CreateHttpClient(args);
        _http.Timeout = options.RequestTimeout ?? TimeoutFor(options.ChunkSizeBytes);

        // Only 5xx and dropped connections are retried inside a request; ResumableUpload turns those into a status query.
        var backOff = new BackOffHandler(new BackOffHandler.Initializer(new DriveBackOff(options.InitialBackoff, Min(options.MaxBackoff, MaxInRequestBackoff), 3))
        {
            MaxTimeSpan = Min(options.MaxBackoff, MaxInRequestBackoff),
            HandleUnsuccessfulResponseFunc = response => (int)response.StatusCode >= 500,
            HandleExceptionFunc = exception => exception is HttpRequestException or IOException,
        });
        _http.MessageHandler.AddUnsuccessfulResponseHandler(backOff);
        _http.MessageHandler.AddExceptionHandler(backOff);
        _http.MessageHandler.NumTries = 4;
    }

    /// <summary>The timeout of one request: a whole chunk must fit at a slow but working 64 KiB/s.</summary>
    internal static TimeSpan TimeoutFor(int chunkSizeBytes)
    {
        var forChunk = TimeSpan.FromSeconds((double)chunkSizeBytes / MinimumThroughputBytesPerSecond);
        return forChunk > MinimumTimeout ? forChunk : MinimumTimeout;
    }

    internal TimeSpan RequestTimeout => _http.Timeout;

    public async Task<DriveUploadResult> UploadAsync(DriveUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Content.CanRead || !request.Content.CanSeek)
        {
            throw new ArgumentException("The upload content must be a readable, seekable stream (a FileStream); Google's resumable upload cannot resume anything else.", nameof(request));
        }

        using var capture = RetryAfterCapture.Begin();
        var upload = new DriveResumableUpload(request.Content, _http, InitiationUri(), Metadata(request), request.MimeType)
        {
            ChunkSize = _options.ChunkSizeBytes,
        };
        if (request.Progress is { } progress)
        {
            upload.ProgressChanged += p => progress(p.BytesSent);
        }

        Uri session;
        if (request.SessionUri is { } existing)
        {
            session = existing;
            Log.UploadResuming(_logger, request.VideoVaultId, SessionHash(session));
        }
        else
        {
            try
            {
                session = await upload.InitiateSessionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return UploadFailed(request, Classify(DriveOperation.InitiateUpload, ex, capture), ex, null);
            }

            Log.SessionStarted(_logger, request.VideoVaultId, SessionHash(session));
            if (request.SessionStarted is { } sessionStarted)
            {
                await sessionStarted(session, cancellationToken).ConfigureAwait(false);
            }
        }

        IUploadProgress result;
        try
        {
            // Also for a new session: the status query first costs one round trip, and the session URI is safely persisted before any byte is sent.
            result = await upload.ResumeAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as TaskCanceledException without a status query (drive-protocol.md §2.2).
            return UploadFailed(request, Classify(DriveOperation.UploadSession, ex, capture), ex, session);
        }

        if (result.Status == UploadStatus.Completed)
        {
            if (upload.CompletedFile is { } file)
            {
                Log.UploadCompleted(_logger, request.VideoVaultId, file.Id, file.Size ?? -1);
                return DriveUploadResult.Completed(file, session);
            }

            var problem = new DriveError(DriveErrorKind.Transient, upload.CompletionProblem ?? "Drive completed the upload without a files resource.");
            return UploadFailed(request, problem, null, session);
        }

        // ResumableUpload reports some cancellations as a failed upload rather than throwing.
        cancellationToken.ThrowIfCancellationRequested();
        var failure = result.Exception is { } exception
            ? Classify(DriveOperation.UploadSession, exception, capture)
            : new DriveError(DriveErrorKind.Transient, $"The upload stopped in state {result.Status} without an error.");
        return UploadFailed(request, failure, result.Exception, failure.Kind == DriveErrorKind.SessionExpired ? null : session);
    }

    public async Task<IReadOnlyList<string>> GenerateIdsAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1000);
        var uri = new Uri($"{_filesUri.AbsoluteUri}/generateIds?count={count.ToString(CultureInfo.InvariantCulture)}&space=drive&type=files");
        var resource = await SendAsync(HttpMethod.Get, uri, DriveJsonContext.Default.DriveGeneratedIdsResource, notFound: null, cancellationToken).ConfigureAwait(false);
        var ids = resource?.Ids ?? [];
        if (ids.Count != count)
        {
            throw new DriveException(new DriveError(DriveErrorKind.Transient, $"Drive generated {ids.Count} ids instead of {count}."));
        }

        return ids;
    }

    public async Task<DriveFile?> GetAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        var uri = new Uri($"{_filesUri.AbsoluteUri}/{Uri.EscapeDataString(fileId)}?fields={Uri.EscapeDataString(FileFields)}&supportsAllDrives=true");
        var resource = await SendAsync(HttpMethod.Get, uri, DriveJsonContext.Default.DriveFileResource, notFound: () => null, cancellationToken).ConfigureAwait(false);
        return resource?.ToDriveFile();
    }

    public async Task<IReadOnlyList<DriveFile>> ListAsync(string query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var files = new List<DriveFile>();
        string? pageToken = null;
        do
        {
            var uri = new StringBuilder(_filesUri.AbsoluteUri)
                .Append("?q=").Append(Uri.EscapeDataString(query))
                .Append("&fields=").Append(Uri.EscapeDataString($"nextPageToken,incompleteSearch,files({FileFields})"))
                .Append("&pageSize=").Append(PageSize.ToString(CultureInfo.InvariantCulture))
                .Append("&spaces=drive&corpora=allDrives&includeItemsFromAllDrives=true&supportsAllDrives=true");
            if (pageToken is not null)
            {
                uri.Append("&pageToken=").Append(Uri.EscapeDataString(pageToken));
            }

            var page = await SendAsync(HttpMethod.Get, new Uri(uri.ToString()), DriveJsonContext.Default.DriveFileListResource, notFound: null, cancellationToken).ConfigureAwait(false);
            if (page?.IncompleteSearch == true)
            {
                Log.IncompleteSearch(_logger, query);
            }

            files.AddRange((page?.Files ?? []).Select(f => f.ToDriveFile()));

            // Drive may return short or empty pages before the end: only a missing token ends the listing.
            pageToken = page?.NextPageToken;
        }
        while (!string.IsNullOrEmpty(pageToken));

        return files;
    }

    public async Task<bool> DeleteAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        var uri = new Uri($"{_filesUri.AbsoluteUri}/{Uri.EscapeDataString(fileId)}?supportsAllDrives=true");
        var deleted = await SendAsync<DriveFileResource>(HttpMethod.Delete, uri, typeInfo: null, notFound: () => null, cancellationToken).ConfigureAwait(false);
        return deleted is not null;
    }

    public void Dispose() => _http.Dispose();

    private Uri InitiationUri() =>
        new($"{_uploadUri.AbsoluteUri}?uploadType=resumable&supportsAllDrives=true&fields={Uri.EscapeDataString(FileFields)}");

    private byte[] Metadata(DriveUploadRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (request.FileId is { } id)
            {
                json.WriteString("id", id);
            }

            json.WriteString("name", request.Name);
            json.WriteString("mimeType", request.MimeType);
            json.WriteStartArray("parents");
            json.WriteStringValue(_folderId);
            json.WriteEndArray();
            json.WriteStartObject("appProperties");
            json.WriteString(DriveQuery.VideoVaultIdKey, request.VideoVaultId);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private DriveUploadResult UploadFailed(DriveUploadRequest request, DriveError error, Exception? exception, Uri? session)
    {
        Log.UploadFailed(_logger, request.VideoVaultId, error.Kind, error.Message, exception);
        return DriveUploadResult.Failed(error, session);
    }

    private DriveError Classify(DriveOperation operation, Exception exception, RetryAfterCapture capture) =>
        DriveErrorClassifier.FromException(operation, exception, capture.RetryAfter, _folderId);

    /// <summary>
    /// Sends a metadata call; maps a 404 through <paramref name="notFound"/> when given, other failures to
    /// <see cref="DriveException"/>. Without <paramref name="typeInfo"/> the body is not read (a delete's empty answer).
    /// </summary>
    private async Task<T?> SendAsync<T>(HttpMethod method, Uri uri, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? typeInfo, Func<T?>? notFound,
        CancellationToken cancellationToken)
        where T : class, new()
    {
        using var capture = RetryAfterCapture.Begin();
        try
        {
            using var request = new HttpRequestMessage(method, uri);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                if (typeInfo is null)
                {
                    return new T();
                }

                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    return await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false);
                }
            }

            if (response.StatusCode == HttpStatusCode.NotFound && notFound is not null)
            {
                return notFound();
            }

            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            Log.RequestFailed(_logger, method.Method, uri.AbsolutePath, error.Kind, error.Message, null);
            throw new DriveException(error);
        }
        catch (Exception ex) when (ex is not DriveException && !cancellationToken.IsCancellationRequested)
        {
            var error = Classify(DriveOperation.Metadata, ex, capture);
            Log.RequestFailed(_logger, method.Method, uri.AbsolutePath, error.Kind, error.Message, ex);
            throw new DriveException(error, ex);
        }
    }

    private async Task<DriveError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        GoogleErrorBody? body = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            body = text.Length == 0 ? null : JsonSerializer.Deserialize(text, DriveJsonContext.Default.GoogleErrorEnvelope)?.Error;
        }
        catch (JsonException)
        {
            // A non-JSON error body (a proxy's HTML page): the status alone classifies it.
        }

        return DriveErrorClassifier.FromStatus(DriveOperation.Metadata, (int)response.StatusCode, body?.Errors?.FirstOrDefault()?.Reason,
            body?.Message ?? response.ReasonPhrase, RetryAfterCaptureHandler.Parse(response.Headers.RetryAfter, _timeProvider), _folderId);
    }

    /// <summary>The first 8 hex digits of the URI's SHA-256: correlates log lines without revealing the session.</summary>
    internal static string SessionHash(Uri session) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(session.AbsoluteUri)))[..8];

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
