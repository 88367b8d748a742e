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
    /// A real MP4 start (an <c>ftyp</c> box and an <c>mdat</c> header, 32 bytes) with <paramref name="payloadBytes"/> of
    /// deterministic filler, large enough for the browser to report upload progress.
    /// </summary>
    public string WriteMp4(string fileName, int payloadBytes) => Write(fileName, TestVideos.Mp4(32 + payloadBytes));

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
