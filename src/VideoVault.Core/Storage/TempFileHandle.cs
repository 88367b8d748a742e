using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VideoVault.Storage;

/// <summary>
/// Creates the temp file an upload streams into. On Linux it asks for direct I/O (<c>O_DIRECT</c>): the bytes go
/// from our aligned buffers to the device without a page-cache copy, so the final fsync has almost nothing left to
/// flush and a 4 GiB upload does not push the host's page cache out. Where the file system refuses it (tmpfs, some
/// FUSE and network file systems) the file is opened for ordinary buffered writes instead.
/// </summary>
internal static class TempFileHandle
{
    /// <summary>Creates <paramref name="path"/>, which must not exist; <paramref name="direct"/> says which mode it got.</summary>
    public static SafeFileHandle CreateNew(string path, bool preferDirect, out bool direct)
    {
        var directFlag = preferDirect ? DirectFlag() : 0;
        if (directFlag != 0)
        {
            var fd = NativeMethods.Open(
                path,
                NativeMethods.O_WRONLY | NativeMethods.O_CREAT | NativeMethods.O_EXCL | NativeMethods.O_CLOEXEC | directFlag,
                Convert.ToInt32("644", 8));
            if (fd >= 0)
            {
                direct = true;
                return new SafeFileHandle(fd, ownsHandle: true);
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != NativeMethods.EINVAL)
            {
                throw NativeMethods.LastError("open", path);
            }

            // EINVAL: no direct I/O on this file system. Some kernels create the file before refusing the flag.
            File.Delete(path);
        }

        direct = false;
        return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
    }

    /// <summary>
    /// Opens an existing upload file to write more of it; <paramref name="direct"/> says which mode it got, as for
    /// <see cref="CreateNew"/>.
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
