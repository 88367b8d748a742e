using System.Runtime.InteropServices;

namespace VideoVault.Benchmarks.Catalog;

/// <summary>
/// Gives every stored video of a filled catalog a file at its path: a hard link to a small MP4 shared by up to
/// <see cref="LinksPerSource"/> names. A million links cost directory entries only, not a million files' blocks, and
/// to start-up (which walks <c>videos/</c> and checks each record's file) they look like a million files.
/// </summary>
internal sealed partial class HardLinks(string sourceDirectory)
{
    /// <summary>ext4 allows 65,000 links per inode; stay below.</summary>
    private const int LinksPerSource = 60_000;

    private string? _source;
    private int _links;
    private string? _lastDirectory;

    public long Count { get; private set; }

    public void Link(string path)
    {
        if (_source is null || _links == LinksPerSource)
        {
            _source = Payload.Create(Directory.CreateDirectory(sourceDirectory).FullName, 4096, seed: (int)(Count / LinksPerSource));
            _links = 0;
        }

        var directory = Path.GetDirectoryName(path)!;
        if (directory != _lastDirectory)
        {
            Directory.CreateDirectory(directory);
            _lastDirectory = directory;
        }

        if (NativeLink(_source, path) != 0)
        {
            throw new BenchmarkException($"link({_source}, {path}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _links++;
        Count++;
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeLink(string existing, string created);
}
