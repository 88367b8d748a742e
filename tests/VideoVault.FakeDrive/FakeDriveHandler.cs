using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using VideoVault.FakeDrive.Protocol;

namespace VideoVault.FakeDrive;

/// <summary>Dispatches every request of the fake Drive, applies scripted faults and records the request log.</summary>
internal sealed partial class FakeDriveHandler(FakeDriveState state, FakeDriveFaults faults, Func<Uri> baseUri, TimeProvider time)
{
    private const string UploadPath = "/upload/drive/v3/files";
    private const string FilesPath = "/drive/v3/files";
    private const string GenerateIdsPath = "/drive/v3/files/generateIds";

    private readonly ConcurrentQueue<FakeDriveRequest> _log = new();
    private long _sequence;

    public int MaxListPageSize { get; set; } = 1000;

    public IReadOnlyList<FakeDriveRequest> Log => [.. _log.OrderBy(r => r.Sequence)];

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var kind = Classify(request);
        var uploadId = kind is FakeDriveRequestKind.UploadChunk or FakeDriveRequestKind.StatusQuery ? request.Query["upload_id"].ToString() : null;
        var info = Describe(Interlocked.Increment(ref _sequence), kind, request, uploadId);
        var exchange = new Exchange(context, info) { Fault = faults.Take(info) };
        exchange.BeforeAbort = Record;

        try
        {
            if (exchange.Fault is { Kind: DriveFaultKind.Delay } slow)
            {
                await Task.Delay(slow.Delay, time, context.RequestAborted).ConfigureAwait(false);
                exchange.FaultDescription = slow.Description;
                exchange.Fault = null;
            }

            if (exchange.Fault is { } fault && await ApplyGenericFaultAsync(exchange, fault).ConfigureAwait(false))
            {
                return;
            }

            await (kind switch
            {
                FakeDriveRequestKind.Token => TokenAsync(exchange),
                FakeDriveRequestKind.InitiateUpload => InitiateAsync(exchange),
                FakeDriveRequestKind.UploadChunk or FakeDriveRequestKind.StatusQuery => SessionPutAsync(exchange),
                FakeDriveRequestKind.GenerateIds => GenerateIdsAsync(exchange),
                FakeDriveRequestKind.List => ListAsync(exchange),
                FakeDriveRequestKind.Get => GetAsync(exchange),
                FakeDriveRequestKind.Delete => DeleteAsync(exchange),
                FakeDriveRequestKind.Download => DownloadAsync(exchange),
                _ => GoogleErrors.WriteAsync(context, 404, "notFound", $"Not Found: {request.Method} {request.Path}"),
            }).ConfigureAwait(false);
        }
        finally
        {
            Record();
        }

        // Logged once, and before a reset reaches the client, so whatever the client does next sees this request
        // in the log.
        void Record()
        {
            if (exchange.Logged)
            {
                return;
            }

            exchange.Logged = true;
            _log.Enqueue(new FakeDriveRequest
            {
                Sequence = info.Sequence,
                Kind = kind,
                Method = request.Method,
                Path = request.Path.Value ?? "",
                QueryString = request.QueryString.Value ?? "",
                ContentRange = request.Headers.ContentRange.FirstOrDefault(),
                UploadId = uploadId ?? exchange.CreatedUploadId,
                BodyBytesReceived = exchange.BodyBytes,
                StatusCode = exchange.Aborted ? 0 : context.Response.StatusCode,
                DownloadRange = kind == FakeDriveRequestKind.Download ? request.Headers.Range.FirstOrDefault() : null,
                BodyBytesSent = exchange.BodyBytesSent,
                ResponseRange = context.Response.Headers["Range"].FirstOrDefault(),
                SupportsAllDrives = string.Equals(request.Query["supportsAllDrives"], "true", StringComparison.OrdinalIgnoreCase),
                BearerToken = BearerToken(request),
                UserAgent = request.Headers.UserAgent.FirstOrDefault(),
                Fault = exchange.FaultDescription ?? exchange.Fault?.Description,
            });
        }
    }

    private static FakeDriveRequestKind Classify(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return (request.Method, path) switch
        {
            ("POST", "/token") => FakeDriveRequestKind.Token,
            ("POST", UploadPath) => FakeDriveRequestKind.InitiateUpload,
            ("PUT", UploadPath) => request.Headers.ContentRange.FirstOrDefault()?.StartsWith("bytes */", StringComparison.Ordinal) == true
                ? FakeDriveRequestKind.StatusQuery
                : FakeDriveRequestKind.UploadChunk,
            ("GET", GenerateIdsPath) => FakeDriveRequestKind.GenerateIds,
            ("GET", FilesPath) => FakeDriveRequestKind.List,
            ("GET", _) when FileIdOf(path) is not null => string.Equals(request.Query["alt"], "media", StringComparison.Ordinal)
                ? FakeDriveRequestKind.Download
                : FakeDriveRequestKind.Get,
            ("DELETE", _) when FileIdOf(path) is not null => FakeDriveRequestKind.Delete,
            _ => FakeDriveRequestKind.Unknown,
        };
    }

    private static string? FileIdOf(string path)
    {
        if (!path.StartsWith(FilesPath + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var id = path[(FilesPath.Length + 1)..];
        return id.Length == 0 || id.Contains('/', StringComparison.Ordinal) ? null : Uri.UnescapeDataString(id);
    }

    private FakeDriveRequestInfo Describe(long sequence, FakeDriveRequestKind kind, HttpRequest request, string? uploadId)
    {
        long persisted = 0;
        string? name = null;
        if (uploadId is not null)
        {
            lock (state.Gate)
            {
                if (state.Sessions.TryGetValue(uploadId, out var session))
                {
                    persisted = session.Persisted;
                    name = session.Name;
                }
            }
        }
        else if (kind == FakeDriveRequestKind.Download && FileIdOf(request.Path.Value ?? "") is { } fileId)
        {
            lock (state.Gate)
            {
                name = state.Files.GetValueOrDefault(fileId)?.Name;
            }
        }

        return new FakeDriveRequestInfo
        {
            Sequence = sequence,
            Kind = kind,
            Method = request.Method,
            Path = request.Path.Value ?? "",
            ContentRange = request.Headers.ContentRange.FirstOrDefault(),
            UploadId = uploadId,
            PersistedBytes = persisted,
            FileName = name,
            DownloadRange = kind == FakeDriveRequestKind.Download ? request.Headers.Range.FirstOrDefault() : null,
        };
    }

    /// <summary>Applies the faults that do not depend on the endpoint; returns false for those the endpoint applies.</summary>
    private async Task<bool> ApplyGenericFaultAsync(Exchange exchange, DriveFault fault)
    {
        var context = exchange.Context;
        var isSession = exchange.Info.Kind is FakeDriveRequestKind.UploadChunk or FakeDriveRequestKind.StatusQuery;
        switch (fault.Kind)
        {
            case DriveFaultKind.Error:
                await exchange.ReadBodyAsync().ConfigureAwait(false);
                await GoogleErrors.WriteAsync(context, fault.StatusCode, fault.Reason, fault.Message, fault.Domain, fault.RetryAfter).ConfigureAwait(false);
                return true;
            case DriveFaultKind.Unauthorized:
                await exchange.ReadBodyAsync().ConfigureAwait(false);
                if (BearerToken(context.Request) is { } token)
                {
                    lock (state.Gate)
                    {
                        state.Tokens.Remove(token);
                    }
                }

                await GoogleErrors.InvalidCredentialsAsync(context).ConfigureAwait(false);
                return true;
            case DriveFaultKind.InvalidGrant:
                await exchange.ReadBodyAsync().ConfigureAwait(false);
                await GoogleErrors.WriteOAuthAsync(context, "invalid_grant", "Invalid grant: account not found").ConfigureAwait(false);
                return true;
            case DriveFaultKind.ExpiredSession:
                await exchange.ReadBodyAsync().ConfigureAwait(false);
                if (exchange.Info.UploadId is { } expired)
                {
                    lock (state.Gate)
                    {
                        state.Sessions.Remove(expired);
                    }
                }

                await GoogleErrors.SessionNotFoundAsync(context).ConfigureAwait(false);
                return true;
            case DriveFaultKind.Reset when !isSession || !fault.PersistReceived:
                await exchange.ReadBodyAsync(fault.Bytes).ConfigureAwait(false);
                exchange.Abort();
                return true;
            case DriveFaultKind.PartialPersist or DriveFaultKind.MissingRange when !isSession:
                await exchange.ReadBodyAsync().ConfigureAwait(false);
                await GoogleErrors.WriteAsync(context, 500, "backendError", $"Fault '{fault.Description}' applies to session requests only.").ConfigureAwait(false);
                return true;
            case DriveFaultKind.TruncateBody or DriveFaultKind.ResetBody or DriveFaultKind.CorruptBody when exchange.Info.Kind != FakeDriveRequestKind.Download:
                await exchange.ReadBodyAsync().ConfigureAwait(false);
                await GoogleErrors.WriteAsync(context, 500, "backendError", $"Fault '{fault.Description}' applies to downloads only.").ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Checks the bearer token; answers 401 and returns false when it is missing or unknown.</summary>
    private async Task<bool> AuthorizeAsync(Exchange exchange, bool optional = false)
    {
        var token = BearerToken(exchange.Context.Request);
        if (token is null)
        {
            if (optional)
            {
                return true;
            }

            await exchange.ReadBodyAsync().ConfigureAwait(false);
            await GoogleErrors.WriteAsync(exchange.Context, 401, "required",
                "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
                location: "Authorization", locationType: "header").ConfigureAwait(false);
            return false;
        }

        bool known;
        lock (state.Gate)
        {
            known = state.Tokens.ContainsKey(token);
        }

        if (known)
        {
            return true;
        }

        await exchange.ReadBodyAsync().ConfigureAwait(false);
        await GoogleErrors.InvalidCredentialsAsync(exchange.Context).ConfigureAwait(false);
        return false;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>One request in flight: its body as read so far and what the log should say.</summary>
    private sealed class Exchange(HttpContext context, FakeDriveRequestInfo info)
    {
        private byte[]? _body;

        public HttpContext Context { get; } = context;

        public FakeDriveRequestInfo Info { get; } = info;

        public DriveFault? Fault { get; set; }

        public string? FaultDescription { get; set; }

        public long BodyBytes { get; private set; }

        /// <summary>For downloads: the response body bytes sent so far.</summary>
        public long BodyBytesSent { get; set; }

        public bool Aborted { get; private set; }

        public string? CreatedUploadId { get; set; }

        public bool Logged { get; set; }

        public Action? BeforeAbort { get; set; }

        /// <summary>Reads the body (or its first <paramref name="limit"/> bytes) once; answering before reading it would make the client see a broken pipe.</summary>
        public async Task<byte[]> ReadBodyAsync(long limit = long.MaxValue)
        {
            if (_body is not null)
            {
                return _body;
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            while (buffer.Length < limit)
            {
                var want = (int)Math.Min(chunk.Length, limit - buffer.Length);
                var read = await Context.Request.Body.ReadAsync(chunk.AsMemory(0, want), Context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                buffer.Write(chunk, 0, read);
            }

            _body = buffer.ToArray();
            BodyBytes = _body.Length;
            return _body;
        }

        public void Abort()
        {
            Aborted = true;
            BeforeAbort?.Invoke();
            Context.Abort();
        }
    }
}
