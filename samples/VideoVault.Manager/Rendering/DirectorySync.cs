using System.Runtime.InteropServices;

namespace VideoVault.Manager.Rendering;

/// <summary>
/// fsyncs a directory so a rename into it survives a crash or power loss: without it the new name may live only in
/// the page cache, and after a reboot the folder can still hold the old file (or none). .NET has no managed call for
/// this, and Core's <c>DurableFileSystem</c> does the same but is internal to Core (the tool must not widen Core's
/// surface for one call), hence this minimal copy. Linux only: Windows cannot open a directory for flushing and
/// NTFS journals the rename itself; other Unixes are not a target of this tool.
/// </summary>
internal static partial class DirectorySync
{
    // O_RDONLY is 0 on every Linux architecture. O_DIRECTORY is deliberately not used: its value differs by
    // architecture (0x10000 on x86-64 is O_DIRECT on arm64), and fsync needs no more than a read-only descriptor.
    private const int O_RDONLY = 0;
    private const int EINTR = 4;
    private const string LibC = "libc";

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, O_RDONLY);
        if (fd < 0)
        {
            throw Failure("open", directory, Marshal.GetLastPInvokeError());
        }

        var syncResult = FSync(fd);
        var syncErrno = Marshal.GetLastPInvokeError();
        var closeResult = Close(fd);
        var closeErrno = Marshal.GetLastPInvokeError();
        if (syncResult != 0)
        {
            throw Failure("fsync", directory, syncErrno);
        }

        // After EINTR from close the descriptor is already released on Linux; retrying could close someone else's.
        if (closeResult != 0 && closeErrno != EINTR)
        {
            throw Failure("close", directory, closeErrno);
        }
    }

    private static IOException Failure(string operation, string directory, int errno) =>
        new($"{operation} of folder '{directory}' failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

    [LibraryImport(LibC, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
