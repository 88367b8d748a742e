using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>
/// The real durable file system, except that a step fails the way a disk does whenever its hook returns an
/// exception. The hooks see the path, and <see cref="Moves"/> tells them whether the rename already happened.
/// </summary>
internal sealed class FaultInjectingFileSystem : IDurableFileSystem
{
    private int _moves;

    public Func<string, Exception?>? CreateDirectoryFault { get; init; }

    public Func<string, Exception?>? MoveFault { get; init; }

    public Func<string, Exception?>? SyncDirectoryFault { get; init; }

    /// <summary>How many no-replace renames succeeded.</summary>
    public int Moves => Volatile.Read(ref _moves);

    public void CreateDirectoryDurably(string directory)
    {
        ThrowIfFaulted(CreateDirectoryFault, directory);
        SystemDurableFileSystem.Instance.CreateDirectoryDurably(directory);
    }

    public bool TryMoveNoReplace(string source, string destination)
    {
        ThrowIfFaulted(MoveFault, destination);
        var moved = SystemDurableFileSystem.Instance.TryMoveNoReplace(source, destination);
        if (moved)
        {
            Interlocked.Increment(ref _moves);
        }

        return moved;
    }

    public void SyncDirectory(string directory)
    {
        ThrowIfFaulted(SyncDirectoryFault, directory);
        SystemDurableFileSystem.Instance.SyncDirectory(directory);
    }

    /// <summary>An <see cref="IOException"/> carrying an errno as HResult, like .NET's own I/O errors on Unix.</summary>
    public static IOException Errno(int errno, string what) => new($"simulated {what} (errno {errno})", errno);

    private static void ThrowIfFaulted(Func<string, Exception?>? fault, string path)
    {
        if (fault?.Invoke(path) is { } exception)
        {
            throw exception;
        }
    }
}
