namespace VideoVault.Storage;

/// <summary>The store's folders, resolved once to absolute paths (a relative root resolves against the content root).</summary>
internal sealed class VideoVaultPaths
{
    public const string IncomingFolderName = ".incoming";
    public const string ResumableFolderName = "resumable";
    public const string VideosFolderName = "videos";
    public const string ManifestFileName = "manifest.db";

    public VideoVaultPaths(string rootPath, string? baseDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        Root = Path.TrimEndingDirectorySeparator(
            Path.GetFullPath(Path.IsPathFullyQualified(rootPath) ? rootPath : Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), rootPath)));
        Incoming = Path.Combine(Root, IncomingFolderName);
        Resumable = Path.Combine(Incoming, ResumableFolderName);
        Videos = Path.Combine(Root, VideosFolderName);
        ManifestPath = Path.Combine(Root, ManifestFileName);
    }

    public string Root { get; }

    public string Incoming { get; }

    /// <summary>
    /// <c>.incoming/resumable/</c>: the bytes of resumable uploads, kept across restarts (the start-up sweep of
    /// <c>.incoming/</c> leaves this folder alone; their expiry removes them).
    /// </summary>
    public string Resumable { get; }

    public string Videos { get; }

    public string ManifestPath { get; }

    /// <summary>Creates the root, <c>videos/</c>, <c>.incoming/</c> and <c>.incoming/resumable/</c> if missing, durably.</summary>
    public void EnsureCreated()
    {
        DurableFileSystem.CreateDirectoryDurably(Incoming);
        DurableFileSystem.CreateDirectoryDurably(Resumable);
        DurableFileSystem.CreateDirectoryDurably(Videos);
    }

    /// <summary>The absolute path of a store-relative path, refusing anything that would leave <c>videos/</c>.</summary>
    public string ResolveVideo(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(Videos + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The manifest path '{relativePath}' points outside the videos folder.");
        }

        return full;
    }

    /// <summary>The file of a resumable upload.</summary>
    public string ResumableFile(string uploadId) => Path.Combine(Resumable, uploadId + ".part");

    /// <summary>The temp file of an upload that lives in this process only.</summary>
    public string IncomingFile(string uploadId) => Path.Combine(Incoming, uploadId + ".part");

    /// <summary>The store-relative path (with '/' separators) of a file under the root.</summary>
    public string ToRelative(string fullPath) =>
        Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
}
