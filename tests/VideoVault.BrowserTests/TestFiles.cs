using System.Buffers.Binary;
using System.Text;

namespace VideoVault.BrowserTests;

/// <summary>Files for the page to upload, written to a throwaway folder.</summary>
internal sealed class TestFiles : IDisposable
{
    public TestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "videovault-browser-files-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>
    /// A real MP4 start (an <c>ftyp</c> box, then an <c>mdat</c> box) with <paramref name="payloadBytes"/> of
    /// deterministic filler, large enough for the browser to report upload progress.
    /// </summary>
    public string WriteMp4(string fileName, int payloadBytes)
    {
        var bytes = new byte[24 + 8 + payloadBytes];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 24);
        Encoding.ASCII.GetBytes("ftypisom").CopyTo(span[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], 0x200);
        Encoding.ASCII.GetBytes("isommp41").CopyTo(span[16..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[24..], (uint)(8 + payloadBytes));
        Encoding.ASCII.GetBytes("mdat").CopyTo(span[28..]);
        new Random(20240601).NextBytes(span[32..]);
        return Write(fileName, bytes);
    }

    public string WriteText(string fileName, string content) => Write(fileName, Encoding.UTF8.GetBytes(content));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless.
        }
    }

    private string Write(string fileName, byte[] bytes)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
