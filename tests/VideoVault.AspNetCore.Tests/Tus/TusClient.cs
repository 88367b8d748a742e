using System.Net.Http.Headers;
using System.Text;

namespace VideoVault.AspNetCore.Tests.Tus;

/// <summary>Raw tus 1.0.0 requests over HttpClient, every header spelled out, so a test says exactly what goes on the wire.</summary>
internal sealed class TusClient(HttpClient http) : IDisposable
{
    public const string OffsetOctetStream = "application/offset+octet-stream";

    public HttpClient Http { get; } = http;

    public static TusClient Create() => new(new HttpClient { Timeout = TimeSpan.FromSeconds(60) });

    public static string Metadata(params (string Key, string? Value)[] pairs) =>
        string.Join(',', pairs.Select(p => p.Value is null ? p.Key : p.Key + " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))));

    public static HttpRequestMessage Request(HttpMethod method, Uri url, string? tusResumable = "1.0.0")
    {
        var request = new HttpRequestMessage(method, url);
        if (tusResumable is not null)
        {
            request.Headers.TryAddWithoutValidation("Tus-Resumable", tusResumable);
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Http.SendAsync(request, HttpCompletionOption.ResponseContentRead);

    public Task<HttpResponseMessage> OptionsAsync(Uri uploads) => SendAsync(new HttpRequestMessage(HttpMethod.Options, uploads));

    /// <summary>POST to the creation URL: Upload-Length (or deferred), optional metadata, optional creation-with-upload body.</summary>
    public Task<HttpResponseMessage> CreateAsync(Uri uploads, long? length, string? metadata = null, byte[]? body = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = Request(HttpMethod.Post, uploads);
        if (length is { } known)
        {
            request.Headers.TryAddWithoutValidation("Upload-Length", known.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Upload-Defer-Length", "1");
        }

        if (metadata is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Metadata", metadata);
        }

        if (body is not null)
        {
            request.Content = Octets(body);
        }

        configure?.Invoke(request);
        return SendAsync(request);
    }

    /// <summary>Creates an upload and returns its absolute URL (Location resolved against the creation URL, as clients do).</summary>
    public async Task<Uri> CreateUploadAsync(Uri uploads, long? length, string? metadata = null)
    {
        using var response = await CreateAsync(uploads, length, metadata);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(201, "creating an upload succeeds; the body was: {0}", text);
        return LocationOf(response, uploads);
    }

    public static Uri LocationOf(HttpResponseMessage response, Uri uploads)
    {
        response.Headers.Location.Should().NotBeNull("a 201 names the new upload in Location");
        return new Uri(uploads, response.Headers.Location!);
    }

    public Task<HttpResponseMessage> HeadAsync(Uri upload, string? tusResumable = "1.0.0") => SendAsync(Request(HttpMethod.Head, upload, tusResumable));

    public Task<HttpResponseMessage> DeleteAsync(Uri upload) => SendAsync(Request(HttpMethod.Delete, upload));

    public Task<HttpResponseMessage> PatchAsync(Uri upload, long offset, ReadOnlyMemory<byte> body, Action<HttpRequestMessage>? configure = null) =>
        PatchAsync(upload, offset, Octets(body.ToArray()), configure);

    public Task<HttpResponseMessage> PatchAsync(Uri upload, long offset, HttpContent content, Action<HttpRequestMessage>? configure = null)
    {
        var request = Request(HttpMethod.Patch, upload);
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Content = content;
        configure?.Invoke(request);
        return SendAsync(request);
    }

    /// <summary>The durable offset HEAD reports.</summary>
    public async Task<long> OffsetAsync(Uri upload)
    {
        using var head = await HeadAsync(upload);
        ((int)head.StatusCode).Should().Be(200);
        return long.Parse(Header(head, "Upload-Offset")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static ByteArrayContent Octets(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(OffsetOctetStream);
        return content;
    }

    /// <summary>A response header, whether HttpClient filed it under the response or the content headers.</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    public void Dispose() => Http.Dispose();
}
