using System.Runtime.InteropServices;

namespace VideoVault.Storage;

/// <summary>
/// Durable file-system primitives: a rename that never overwrites and an fsync of a directory, both checked at every
/// step. On Linux these are P/Invokes (renameat2 with RENAME_NOREPLACE, falling back to link+unlink where the file
/// system lacks it); on Windows MoveFile without replace is already atomic and directories cannot be fsync'd.
/// </summary>
internal static class DurableFileSystem
{
    /// <summary>
    /// Moves <paramref name="source"/> to <paramref name="destination"/> unless the destination exists.
    /// Returns <see langword="false"/> (source untouched) when it exists; throws <see cref="IOException"/> otherwise.
    /// </summary>
    public static bool TryMoveNoReplace(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, destination, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(destination))
            {
                return false;
            }
        }

        if (OperatingSystem.IsLinux())
        {
            int result;
            do
            {
                result = NativeMethods.RenameAt2(NativeMethods.AT_FDCWD, source, NativeMethods.AT_FDCWD, destination, NativeMethods.RENAME_NOREPLACE);
            }
            while (result != 0 && Marshal.GetLastPInvokeError() == NativeMethods.EINTR);

            if (result == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == NativeMethods.EEXIST)
            {
                return false;
            }

            if (errno is not (NativeMethods.EINVAL or NativeMethods.ENOSYS or NativeMethods.ENOTSUP))
            {
                throw NativeMethods.Error("rename", destination, errno);
            }
        }

        return LinkThenUnlink(source, destination);
    }

    /// <summary>fsyncs a directory so that entries created, renamed or removed in it survive a power loss.</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = NativeMethods.Open(directory, NativeMethods.O_RDONLY);
        if (fd < 0)
        {
            throw NativeMethods.LastError("open", directory);
        }

        var syncResult = NativeMethods.FSync(fd);
        var syncErrno = Marshal.GetLastPInvokeError();
        var closeResult = NativeMethods.Close(fd);
        var closeErrno = Marshal.GetLastPInvokeError();
        if (syncResult != 0)
        {
            throw NativeMethods.Error("fsync", directory, syncErrno);
        }

        if (closeResult != 0 && closeErrno != NativeMethods.EINTR)
        {
            throw NativeMethods.Error("close", directory, closeErrno);
        }
    }

    /// <summary>Creates <paramref name="directory"/> (and missing parents) and makes each new entry durable.</summary>
    public static void CreateDirectoryDurably(string directory)
    {
        var missing = new Stack<string>();
        for (var current = Path.GetFullPath(directory); !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Push(current);
            if (Path.GetDirectoryName(current) is null)
            {
                break;
            }
        }

        while (missing.TryPop(out var path))
        {
            Directory.CreateDirectory(path);
            SyncDirectory(Path.GetDirectoryName(path)!);
        }
    }

    /// <summary>Deletes a file and fsyncs its directory; <see langword="false"/> when it did not exist.</summary>
    public static bool DeleteDurably(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        SyncDirectory(Path.GetDirectoryName(path)!);
        return true;
    }

    private static bool LinkThenUnlink(string source, string destination)
    {
        // link(2) fails with EEXIST instead of replacing, which is the no-overwrite guarantee we need.
        if (NativeMethods.Link(source, destination) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == NativeMethods.EEXIST)
            {
                return false;
            }

            throw NativeMethods.Error("link", destination, errno);
        }

        // The video is already published under its final name, so a failed unlink must not fail the save: the
        // leftover temp name is a second link to the same inode and the start-up sweep removes it.
        _ = NativeMethods.Unlink(source);
        return true;
    }
}
