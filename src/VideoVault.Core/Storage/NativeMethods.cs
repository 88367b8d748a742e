using System.Runtime.InteropServices;

namespace VideoVault.Storage;

/// <summary>
/// The few libc calls .NET has no managed equivalent for: a rename that cannot overwrite, and fsync of a directory.
/// Every call sets errno; callers check every result.
/// </summary>
internal static partial class NativeMethods
{
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int EINVAL = 22;
    public const int ENOSYS = 38;
    public const int ENOTSUP = 95;
    public const int EINTR = 4;
    public const int ENOSPC = 28;
    public const int EDQUOT = 122;

    // O_RDONLY is 0 everywhere; O_DIRECTORY is deliberately not used (0x10000 on x86-64 means O_DIRECT on arm64).
    public const int O_RDONLY = 0;
    public const int AT_FDCWD = -100;
    public const uint RENAME_NOREPLACE = 1;

    // Flags for creating a temp file for direct I/O. The values are Linux's generic ones (x86-64 and arm64 agree)
    // except O_DIRECT, which differs by architecture.
    public const int O_WRONLY = 0x1;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_CLOEXEC = 0x80000;
    public const int O_DIRECT_X64 = 0x4000;
    public const int O_DIRECT_ARM64 = 0x10000;

    private const string LibC = "libc";

    [LibraryImport(LibC, EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int RenameAt2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [LibraryImport(LibC, EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Link(string oldPath, string newPath);

    [LibraryImport(LibC, EntryPoint = "unlink", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Unlink(string path);

    [LibraryImport(LibC, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport(LibC, EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int fd);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>An <see cref="IOException"/> for the last errno, carrying it as HResult like .NET's own I/O errors.</summary>
    public static IOException LastError(string operation, string path) => Error(operation, path, Marshal.GetLastPInvokeError());

    /// <summary>An <see cref="IOException"/> for <paramref name="errno"/>, carrying it as HResult like .NET's own I/O errors.</summary>
    public static IOException Error(string operation, string path, int errno) =>
        new($"{operation} failed for '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).", errno);
}
