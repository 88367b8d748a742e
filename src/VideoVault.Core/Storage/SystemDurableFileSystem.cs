namespace VideoVault.Storage;

/// <summary>The real <see cref="IDurableFileSystem"/>: the <see cref="DurableFileSystem"/> system calls.</summary>
internal sealed class SystemDurableFileSystem : IDurableFileSystem
{
    public static SystemDurableFileSystem Instance { get; } = new();

    public void CreateDirectoryDurably(string directory) => DurableFileSystem.CreateDirectoryDurably(directory);

    public bool TryMoveNoReplace(string source, string destination) => DurableFileSystem.TryMoveNoReplace(source, destination);

    public void SyncDirectory(string directory) => DurableFileSystem.SyncDirectory(directory);
}
