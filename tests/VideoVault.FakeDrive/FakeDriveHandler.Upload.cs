using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoVault.FakeDrive.Protocol;

namespace VideoVault.FakeDrive;

internal sealed partial class FakeDriveHandler
{
    private const int ChunkGranularity = 256 * 1024;
    private const int MaxAppPropertyBytes = 124;
    private const int MaxAppProperties = 30;

    private async Task InitiateAsync(Exchange exchange)
    {
        var context = exchange.Context;
        var request = context.Request;
        if (!await AuthorizeAsync(exchange).ConfigureAwait(false))
        {
            return;
        }

        var body = await exchange.ReadBodyAsync().ConfigureAwait(false);
        if (request.Query["uploadType"] != "resumable")
        {
            await GoogleErrors.BadRequestAsync(context, "This fake supports uploadType=resumable only.", "uploadType").ConfigureAwait(false);
            return;
        }

        JsonObject metadata;
        try
        {
            if (body.Length > 0 && request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            {
                throw new FormatException("Metadata must be sent as application/json.");
            }

            metadata = body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? throw new FormatException("The metadata is not a JSON object.");
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            await GoogleErrors.BadRequestAsync(context, $"Invalid metadata: {ex.Message}").ConfigureAwait(false);
            return;
        }

        long? declaredLength = null;
        if (request.Headers["X-Upload-Content-Length"].FirstOrDefault() is { } lengthHeader)
        {
            if (!long.TryParse(lengthHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                await GoogleErrors.BadRequestAsync(context, "Invalid X-Upload-Content-Length header.").ConfigureAwait(false);
                return;
            }

            declaredLength = length;
        }

        var parents = metadata["parents"] is JsonArray parentArray ? parentArray.Select(p => p?.GetValue<string>() ?? "").ToList() : [];
        if (parents.Count > 1)
        {
            await GoogleErrors.WriteAsync(context, 403, "cannotAddParent", "A shared drive item must have exactly one parent; a file can only have one parent folder.").ConfigureAwait(false);
            return;
        }

        var appProperties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata["appProperties"] is JsonObject props)
        {
            foreach (var (key, value) in props)
            {
                var text = value?.GetValue<string>() ?? "";
                if (Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(text) > MaxAppPropertyBytes)
                {
                    await GoogleErrors.BadRequestAsync(context, $"The property {key} exceeds the maximum size of {MaxAppPropertyBytes} bytes.").ConfigureAwait(false);
                    return;
                }

                appProperties[key] = text;
            }
        }

        if (appProperties.Count > MaxAppProperties)
        {
            await GoogleErrors.BadRequestAsync(context, $"A file may have at most {MaxAppProperties} private properties per app.").ConfigureAwait(false);
            return;
        }

        var fileId = metadata["id"]?.GetValue<string>();
        var uploadId = FakeDriveState.NewToken("AHVrdy");
        var fields = request.Query["fields"].FirstOrDefault();
        if (!IsValidFields(fields))
        {
            await GoogleErrors.BadRequestAsync(context, $"Invalid field selection {fields}", "fields").ConfigureAwait(false);
            return;
        }

        Func<HttpContext, Task>? refusal = null;
        lock (state.Gate)
        {
            if (fileId is not null && state.Files.ContainsKey(fileId))
            {
                refusal = GoogleErrors.DuplicateIdAsync;
            }
            else if (fileId is not null && !state.GeneratedIds.Contains(fileId))
            {
                refusal = c => GoogleErrors.WriteAsync(c, 400, "fileIdNotUsable", "The provided file ID is not usable.", location: "file.id");
            }
            else
            {
                state.Sessions[uploadId] = new UploadSession
                {
                    UploadId = uploadId,
                    Name = metadata["name"]?.GetValue<string>() ?? "Untitled",
                    MimeType = metadata["mimeType"]?.GetValue<string>() ?? request.Headers["X-Upload-Content-Type"].FirstOrDefault() ?? "application/octet-stream",
                    Parents = parents,
                    AppProperties = appProperties,
                    FileId = fileId,
                    DeclaredLength = declaredLength,
                    Fields = fields,
                };
            }
        }

        if (refusal is not null)
        {
            await refusal(context).ConfigureAwait(false);
            return;
        }

        exchange.CreatedUploadId = uploadId;
        context.Response.StatusCode = 200;
        context.Response.Headers.Location = new Uri(baseUri(), $"upload/drive/v3/files?uploadType=resumable&upload_id={uploadId}").AbsoluteUri;
        context.Response.ContentLength = 0;
    }

    private async Task SessionPutAsync(Exchange exchange)
    {
        var context = exchange.Context;
        if (!await AuthorizeAsync(exchange, optional: true).ConfigureAwait(false))
        {
            return;
        }

        var fault = exchange.Fault;
        if (!ContentRange.TryParse(context.Request.Headers.ContentRange.FirstOrDefault(), out var range))
        {
            await exchange.ReadBodyAsync().ConfigureAwait(false);
            await GoogleErrors.BadRequestAsync(context, "Failed to parse Content-Range header.").ConfigureAwait(false);
            return;
        }

        var resetting = fault is { Kind: DriveFaultKind.Reset };
        var body = await exchange.ReadBodyAsync(resetting ? fault!.Bytes : long.MaxValue).ConfigureAwait(false);

        Func<HttpContext, Task>? refusal;
        JsonObject? completed;
        long persisted;
        lock (state.Gate)
        {
            if (!state.Sessions.TryGetValue(exchange.Info.UploadId ?? "", out var session))
            {
                refusal = GoogleErrors.SessionNotFoundAsync;
                completed = null;
                persisted = 0;
            }
            else
            {
                refusal = Apply(session, range, body, fault, out completed);
                persisted = session.Persisted;
            }
        }

        if (resetting)
        {
            exchange.Abort();
            return;
        }

        if (refusal is not null)
        {
            await refusal(context).ConfigureAwait(false);
        }
        else if (completed is not null)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json; charset=UTF-8";
            await context.Response.WriteAsync(completed.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = 308;
            if (persisted > 0)
            {
                context.Response.Headers["Range"] = $"bytes=0-{persisted - 1}";
            }

            context.Response.ContentLength = 0;
        }
    }

    /// <summary>Applies one session PUT under the lock; returns the refusal to answer with, or null (with the final resource when complete).</summary>
    private Func<HttpContext, Task>? Apply(UploadSession session, ContentRange range, byte[] body, DriveFault? fault, out JsonObject? completed)
    {
        completed = null;
        if (session.Completed is { } done)
        {
            completed = Project(done, session.Fields);
            return null;
        }

        if (range.Total is { } total)
        {
            if ((session.DeclaredLength is { } declared && declared != total) || (session.Total is { } known && known != total))
            {
                return BadRequest($"Content-Range total {total} does not match the upload's size.");
            }

            session.Total = total;
        }

        if (!range.IsStatusQuery)
        {
            var resetting = fault is { Kind: DriveFaultKind.Reset };
            if (!resetting && body.Length != range.Length)
            {
                return BadRequest($"The body has {body.Length} bytes but Content-Range names {range.Length}.");
            }

            if (session.Total is { } t && range.Last >= t)
            {
                return BadRequest($"Content-Range ends at {range.Last}, beyond the total {t}.");
            }

            if (range.First > session.Persisted)
            {
                return BadRequest($"Invalid request: the chunk starts at {range.First} but only {session.Persisted} bytes were received (a gap).");
            }

            var isFinal = session.Total is { } total2 && range.Last == total2 - 1;
            if (!isFinal && range.Length % ChunkGranularity != 0)
            {
                return BadRequest($"Invalid request: a non-final chunk of {range.Length} bytes is not a multiple of 256 KiB.");
            }

            var keep = fault switch
            {
                { Kind: DriveFaultKind.Reset, PersistReceived: true } => body.Length,
                { Kind: DriveFaultKind.Reset } => 0,
                { Kind: DriveFaultKind.PartialPersist } => (int)Math.Clamp(fault.Bytes, 0, body.Length),
                _ => body.Length,
            };
            session.Append(range.First!.Value, body.AsSpan(0, keep));
        }

        if (fault is { Kind: DriveFaultKind.MissingRange })
        {
            session.Discard();
            return null;
        }

        if (fault is { Kind: DriveFaultKind.Reset } || session.Total is not { } final || session.Persisted != final)
        {
            return null;
        }

        var fileId = session.FileId ?? FakeDriveState.NewDriveId();
        if (state.Files.ContainsKey(fileId))
        {
            state.Sessions.Remove(session.UploadId);
            return GoogleErrors.DuplicateIdAsync;
        }

        var content = session.Data.ToArray();
        var file = new FakeDriveFile
        {
            Id = fileId,
            Name = session.Name,
            MimeType = session.MimeType,
            Parents = session.Parents,
            AppProperties = session.AppProperties,
            Content = content,
            CreatedTime = time.GetUtcNow(),
        };
        state.Files[fileId] = file;
        session.Completed = file;
        completed = Project(file, session.Fields);
        return null;
    }

    private static JsonObject Project(FakeDriveFile file, string? fields) =>
        FieldSelection.Parse(string.IsNullOrEmpty(fields) ? "kind,id,name,mimeType" : fields).Apply(FakeDriveState.ToResource(file));

    private static Func<HttpContext, Task> BadRequest(string message) => context => GoogleErrors.BadRequestAsync(context, message);
}
