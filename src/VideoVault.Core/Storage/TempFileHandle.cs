using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VideoVault.Storage;

/// <summary>
/// Opens the file an upload streams into. On Linux it asks for direct I/O (<c>O_DIRECT</c>): the bytes go
/// from our aligned buffers to the device without a page-cache copy, so the final fsync has almost nothing left to
/// flush and a 4 GiB upload does not push the host's page cache out. Where the file system refuses it (tmpfs, some
/// FUSE and network file systems) the file is opened for ordinary buffered writes instead.
/// </summary>
internal static class TempFileHandle
{
    /// <summary>
    /// Opens an existing upload file to write more of it; <paramref name="direct"/> says whether it got direct I/O.
    /// </summary>
    public static SafeFileHandle OpenExisting(string path, bool preferDirect, out bool direct)
    {
        var directFlag = preferDirect ? DirectFlag() : 0;
        if (directFlag != 0)
        {
            var fd = NativeMethods.Open(path, NativeMethods.O_WRONLY | NativeMethods.O_CLOEXEC | directFlag);
            if (fd >= 0)
            {
                direct = true;
                return new SafeFileHandle(fd, ownsHandle: true);
            }

            if (Marshal.GetLastPInvokeError() != NativeMethods.EINVAL)
            {
                throw NativeMethods.LastError("open", path);
            }
        }

        direct = false;
        return File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read);
    }

    private static int DirectFlag()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        return RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => NativeMethods.O_DIRECT_X64,
            Architecture.Arm64 => NativeMethods.O_DIRECT_ARM64,
            _ => 0,
        };
    }
}
