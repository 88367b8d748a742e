using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>
/// The real durable file system until one step, where the calling thread stops and never comes back: the process
/// "froze" there, which in process is as good as a crash at that point (nothing after it runs). <see cref="Frozen"/>
/// completes when it happened. Disposing lets the stuck thread go by throwing, so the test leaves no thread behind;
/// nothing it does then is looked at.
/// </summary>
internal sealed class FreezingFileSystem(FreezingFileSystem.Point at) : IDurableFileSystem, IDisposable
{
    private readonly TaskCompletionSource _frozen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();
    private int _moves;

    /// <summary>Where the process freezes.</summary>
    public enum Point
    {
        /// <summary>At the rename into <c>videos/</c>, before it happens: the publish intent is committed, the file is still a temp file.</summary>
        BeforeRename,

        /// <summary>At the directory fsync right after the rename: the file is in <c>videos/</c>, its record is not committed.</summary>
        AfterRename,
    }

    public Task Frozen => _frozen.Task;

    public void CreateDirectoryDurably(string directory) => SystemDurableFileSystem.Instance.CreateDirectoryDurably(directory);

    public bool TryMoveNoReplace(string source, string destination)
    {
        if (at == Point.BeforeRename)
        {
            Freeze();
        }

        var moved = SystemDurableFileSystem.Instance.TryMoveNoReplace(source, destination);
        if (moved)
        {
            Interlocked.Increment(ref _moves);
        }

        return moved;
    }

    public void SyncDirectory(string directory)
    {
        if (at == Point.AfterRename && Volatile.Read(ref _moves) > 0)
        {
            Freeze();
        }

        SystemDurableFileSystem.Instance.SyncDirectory(directory);
    }

    public void Dispose() => _released.Set();

    private void Freeze()
    {
        _frozen.TrySetResult();
        _released.Wait();
        throw new IOException("The process froze here and is gone; this thread only runs on to leave the test.");
    }
}
