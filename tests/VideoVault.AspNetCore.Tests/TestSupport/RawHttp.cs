using System.Net.Sockets;
using System.Text;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>HTTP/1.1 over a bare socket, for what HttpClient will not do: lie about lengths, stop half-way.</summary>
internal static class RawHttp
{
    public static async Task<Socket> ConnectAsync(Uri baseAddress)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port);
        return socket;
    }

    public static byte[] RequestHead(Uri baseAddress, string path, string contentType, long? contentLength, bool chunked = false)
    {
        var head = new StringBuilder()
            .Append("POST ").Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseAddress.Authority).Append("\r\n")
            .Append("Content-Type: ").Append(contentType).Append("\r\n");
        if (contentLength is { } length)
        {
            head.Append("Content-Length: ").Append(length).Append("\r\n");
        }

        if (chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }

        return Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
    }

    /// <summary>
    /// POSTs <paramref name="chunks"/> with chunked framing (no Content-Length) and reads the answer. A server that
    /// answers and closes while chunks are still being sent is expected: the answer is what matters.
    /// </summary>
    public static async Task<string> PostChunkedAsync(Uri baseAddress, string path, string contentType, IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        using var socket = await ConnectAsync(baseAddress);
        await socket.SendAsync(RequestHead(baseAddress, path, contentType, contentLength: null, chunked: true));
        try
        {
            foreach (var chunk in chunks)
            {
                await socket.SendAsync(Chunk(chunk.Span));
            }

            await socket.SendAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (SocketException)
        {
            // The server answered and closed while we were still sending.
        }

        return await ReadResponseAsync(socket, TimeSpan.FromSeconds(30));
    }

    private static byte[] Chunk(ReadOnlySpan<byte> data) =>
        [.. Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), .. data, .. "\r\n"u8];

    /// <summary>Reads until the server closes the connection, a whole response is in, or the time is up.</summary>
    public static async Task<string> ReadResponseAsync(Socket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
                if (IsComplete(Encoding.UTF8.GetString(received.ToArray())))
                {
                    break;
                }
            }
        }
        catch (SocketException) when (received.Length > 0)
        {
            // The server may reset the connection after answering while our unsent bytes were still in flight.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>The body of a raw response, with chunked framing removed.</summary>
    public static string BodyOf(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = response[..end];
        var body = response[(end + 4)..];
        if (!head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }

        var decoded = new StringBuilder();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(body[..lineEnd], 16);
            if (size == 0)
            {
                return decoded.ToString();
            }

            var chunk = Encoding.UTF8.GetBytes(body[(lineEnd + 2)..])[..size];
            var text = Encoding.UTF8.GetString(chunk);
            decoded.Append(text);
            body = body[(lineEnd + 2 + text.Length + 2)..];
        }
    }

    public static int StatusOf(string response) =>
        response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(response.AsSpan(9, 3), provider: null) : 0;

    private static bool IsComplete(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var head = response[..end];
        var lengthLine = head.Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (lengthLine is null)
        {
            return head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) && response.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
        }

        var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), provider: null);
        return Encoding.UTF8.GetByteCount(response[(end + 4)..]) >= length;
    }
}
