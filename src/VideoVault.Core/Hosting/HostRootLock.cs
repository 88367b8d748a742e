namespace VideoVault.Hosting;

/// <summary>
/// The exclusive lock a host holds on <c>&lt;root&gt;/.lock</c> for as long as it runs. Two hosts on one root would
/// sweep each other's temp files and recover each other's mirror claims at start-up. .NET implements
/// <see cref="FileShare.None"/> with <c>flock(2)</c> on Unix (and a share mode on Windows), which the kernel drops
/// when the process dies, so a crash never leaves a stale lock. The admin tool does not take it: it never sweeps
/// all temp files nor recovers claims.
/// </summary>
internal sealed class HostRootLock : IDisposable
{
    public const string FileName = ".lock";

    private const int EWouldBlock = 11;
    private const int ErrorSharingViolation = 0x20;
    private const int ErrorLockViolation = 0x21;

    private readonly FileStream _file;

    private HostRootLock(FileStream file)
    {
        _file = file;
    }

    /// <summary>Takes the lock, or throws <see cref="InvalidOperationException"/> when another host holds it.</summary>
    public static HostRootLock Acquire(string root)
    {
        var path = Path.Combine(root, FileName);
        try
        {
            return new HostRootLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            throw new InvalidOperationException(
                $"Another VideoVault host is running on {root} (it holds {path}). Stop it first, or give this host its own VideoVault:RootPath.", ex);
        }
    }

    public void Dispose() => _file.Dispose();

    private static bool IsHeldElsewhere(IOException exception) =>
        exception.HResult == EWouldBlock || (exception.HResult & 0xFFFF) is ErrorSharingViolation or ErrorLockViolation;
}
