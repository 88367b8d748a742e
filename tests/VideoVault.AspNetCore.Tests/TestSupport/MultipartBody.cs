using System.Net.Http.Headers;
using System.Text;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>
/// A multipart/form-data body written byte for byte, so tests control exactly what the server sees (hostile
/// file names, part order, broken framing) instead of what HttpClient would encode.
/// </summary>
internal sealed class MultipartBody
{
    public const string DefaultBoundary = "----videovault-test-boundary-7MA4YWxkTrZu0gW";

    private readonly MemoryStream _bytes = new();

    public MultipartBody(string boundary = DefaultBoundary) => Boundary = boundary;

    public string Boundary { get; }

    public string ContentType => $"multipart/form-data; boundary={Boundary}";

    public MultipartBody Field(string name, string value) =>
        Part($"Content-Disposition: form-data; name=\"{name}\"", Encoding.UTF8.GetBytes(value));

    /// <summary>A file part with a plain <c>filename="..."</c> parameter, written as UTF-8 without escaping.</summary>
    public MultipartBody File(string name, string fileName, byte[] content, string contentType = "video/mp4") =>
        Part($"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}", content);

    /// <summary>A file part whose Content-Disposition is given verbatim (e.g. with <c>filename*=UTF-8''...</c>).</summary>
    public MultipartBody Part(string headers, byte[] content)
    {
        Write($"--{Boundary}\r\n{headers}\r\n\r\n");
        _bytes.Write(content);
        Write("\r\n");
        return this;
    }

    public MultipartBody Raw(string text)
    {
        Write(text);
        return this;
    }

    public byte[] ToArray(bool close = true)
    {
        var body = _bytes.ToArray();
        return close ? [.. body, .. Encoding.ASCII.GetBytes($"--{Boundary}--\r\n")] : body;
    }

    public ByteArrayContent ToContent()
    {
        var content = new ByteArrayContent(ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        return content;
    }

    private void Write(string text) => _bytes.Write(Encoding.UTF8.GetBytes(text));
}
