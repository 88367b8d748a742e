using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoVault.FakeDrive.Protocol;

namespace VideoVault.FakeDrive;

internal sealed partial class FakeDriveHandler
{
    private const string DefaultListFields = "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)";

    private async Task GenerateIdsAsync(Exchange exchange)
    {
        var context = exchange.Context;
        if (!await AuthorizeAsync(exchange).ConfigureAwait(false))
        {
            return;
        }

        var query = context.Request.Query;
        var count = 10;
        if (query["count"].FirstOrDefault() is { } countText && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 1000))
        {
            await GoogleErrors.BadRequestAsync(context, $"Invalid value '{countText}'. Values must be within the range: [1, 1000]", "count").ConfigureAwait(false);
            return;
        }

        var space = query["space"].FirstOrDefault() ?? "drive";
        if (space != "drive" || (query["type"].FirstOrDefault() ?? "files") != "files")
        {
            await GoogleErrors.BadRequestAsync(context, "This fake generates ids for space=drive and type=files only.", "space").ConfigureAwait(false);
            return;
        }

        var ids = new List<string>(count);
        lock (state.Gate)
        {
            for (var i = 0; i < count; i++)
            {
                var id = FakeDriveState.NewDriveId();
                state.GeneratedIds.Add(id);
                ids.Add(id);
            }
        }

        var body = new JsonObject
        {
            ["kind"] = "drive#generatedIds",
            ["space"] = space,
            ["ids"] = new JsonArray(ids.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()),
        };
        await WriteJsonAsync(context, body, context.Request.Query["fields"].FirstOrDefault()).ConfigureAwait(false);
    }

    private async Task GetAsync(Exchange exchange)
    {
        var context = exchange.Context;
        if (!await AuthorizeAsync(exchange).ConfigureAwait(false))
        {
            return;
        }

        var id = FileIdOf(context.Request.Path.Value ?? "")!;
        FakeDriveFile? file;
        lock (state.Gate)
        {
            state.Files.TryGetValue(id, out file);
        }

        if (file is null)
        {
            await GoogleErrors.NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, FakeDriveState.ToResource(file), context.Request.Query["fields"].FirstOrDefault() ?? "kind,id,name,mimeType").ConfigureAwait(false);
    }

    private async Task DeleteAsync(Exchange exchange)
    {
        var context = exchange.Context;
        if (!await AuthorizeAsync(exchange).ConfigureAwait(false))
        {
            return;
        }

        var id = FileIdOf(context.Request.Path.Value ?? "")!;
        bool removed;
        lock (state.Gate)
        {
            removed = state.Files.Remove(id);
        }

        if (!removed)
        {
            await GoogleErrors.NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 204;
    }

    private async Task ListAsync(Exchange exchange)
    {
        var context = exchange.Context;
        if (!await AuthorizeAsync(exchange).ConfigureAwait(false))
        {
            return;
        }

        var query = context.Request.Query;
        Func<FakeDriveFile, bool> filter = _ => true;
        if (query["q"].FirstOrDefault() is { Length: > 0 } q)
        {
            try
            {
                filter = DriveQuery.Parse(q);
            }
            catch (FormatException ex)
            {
                await GoogleErrors.BadRequestAsync(context, $"Invalid Value: {ex.Message}", "q").ConfigureAwait(false);
                return;
            }
        }

        var pageSize = 100;
        if (query["pageSize"].FirstOrDefault() is { } sizeText && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            await GoogleErrors.BadRequestAsync(context, $"Invalid value '{sizeText}'. Values must be within the range: [1, 1000]", "pageSize").ConfigureAwait(false);
            return;
        }

        var offset = 0;
        if (query["pageToken"].FirstOrDefault() is { Length: > 0 } token && !TryDecodePageToken(token, out offset))
        {
            await GoogleErrors.BadRequestAsync(context, "Invalid Value", "pageToken").ConfigureAwait(false);
            return;
        }

        pageSize = Math.Min(pageSize, MaxListPageSize);
        List<FakeDriveFile> matches;
        lock (state.Gate)
        {
            matches = state.Files.Values.Where(filter).ToList();
        }

        var page = matches.Skip(offset).Take(pageSize).ToList();
        var body = new JsonObject
        {
            ["kind"] = "drive#fileList",
            ["incompleteSearch"] = false,
            ["files"] = new JsonArray(page.Select(f => (JsonNode?)FakeDriveState.ToResource(f)).ToArray()),
        };
        if (offset + page.Count < matches.Count)
        {
            body["nextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"offset:{offset + page.Count}"));
        }

        await WriteJsonAsync(context, body, query["fields"].FirstOrDefault() ?? DefaultListFields).ConfigureAwait(false);
    }

    private static bool TryDecodePageToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text["offset:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsValidFields(string? fields)
    {
        if (string.IsNullOrEmpty(fields))
        {
            return true;
        }

        try
        {
            FieldSelection.Parse(fields);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, JsonObject body, string? fields)
    {
        if (!IsValidFields(fields))
        {
            await GoogleErrors.BadRequestAsync(context, $"Invalid field selection {fields}", "fields").ConfigureAwait(false);
            return;
        }

        var projected = string.IsNullOrEmpty(fields) ? body : FieldSelection.Parse(fields).Apply(body);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(projected.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
