using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>
/// A multipart/form-data body with one <c>video</c> part holding an MP4 of any length, written block by block as
/// HttpClient sends it: tens of megabytes go over the wire while the test holds one 1 MiB block. The MP4's
/// <c>mdat</c> box is sized to the whole file, so the bytes are a well-formed container, not just a magic number.
/// </summary>
internal sealed class GeneratedVideoContent : HttpContent
{
    private const int BlockSize = 1024 * 1024;

    private readonly byte[] _head;
    private readonly byte[] _block;
    private readonly byte[] _prefix;
    private readonly byte[] _suffix;

    public GeneratedVideoContent(long videoLength, string fileName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(videoLength, BlockSize);
        VideoLength = videoLength;
        _block = TestVideos.Mp4(BlockSize);
        _head = (byte[])_block.Clone();
        const int ftypLength = 24;
        BinaryPrimitives.WriteUInt32BigEndian(_head.AsSpan(ftypLength), checked((uint)(videoLength - ftypLength)));

        var boundary = MultipartBody.DefaultBoundary;
        _prefix = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"video\"; filename=\"{fileName}\"\r\nContent-Type: video/mp4\r\n\r\n");
        _suffix = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        Sha256 = HashVideo();
    }

    public long VideoLength { get; }

    /// <summary>The lower-case hex SHA-256 of the video part's bytes.</summary>
    public string Sha256 { get; }

    public long BodyLength => _prefix.Length + VideoLength + _suffix.Length;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_prefix, cancellationToken);
        foreach (var block in Blocks())
        {
            await stream.WriteAsync(block, cancellationToken);
        }

        await stream.WriteAsync(_suffix, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = BodyLength;
        return true;
    }

    private IEnumerable<ReadOnlyMemory<byte>> Blocks()
    {
        for (long written = 0; written < VideoLength; written += BlockSize)
        {
            var length = (int)Math.Min(BlockSize, VideoLength - written);
            yield return (written == 0 ? _head : _block).AsMemory(0, length);
        }
    }

    private string HashVideo()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var block in Blocks())
        {
            hash.AppendData(block.Span);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
