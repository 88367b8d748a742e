using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace VideoVault.Benchmarks.Mirror;

/// <summary>
/// Drops one file's pages from the page cache (<c>posix_fadvise(POSIX_FADV_DONTNEED)</c> after an <c>fsync</c>, as
/// only clean pages are dropped), so a plain PUT reads its file from the disk as the mirror reads a video the store
/// wrote with <c>O_DIRECT</c>. Only that file: the machine is shared, so the whole cache is left alone.
/// </summary>
internal static partial class PageCache
{
    private const int DontNeed = 4;

    public static void Evict(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.FlushToDisk(handle);
        var error = PosixFadvise(handle, 0, 0, DontNeed);
        if (error != 0)
        {
            throw new BenchmarkException($"posix_fadvise({path}, DONTNEED) failed: errno {error}");
        }
    }

    // Returns the error number itself rather than setting errno.
    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(SafeFileHandle handle, long offset, long length, int advice);
}
