using Microsoft.Data.Sqlite;

namespace VideoVault.Storage;

/// <summary>
/// Keeps a floor of free space on the store's file system: an upload is refused when, after it, less than
/// <c>MinFreeSpaceBytes</c> would remain. Asked before reading (with the declared length) and while streaming.
/// </summary>
internal sealed class FreeSpaceGuard
{
    private readonly string _path;
    private readonly long _minFreeBytes;

    public FreeSpaceGuard(string path, long minFreeBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(minFreeBytes);
        _path = path;
        _minFreeBytes = minFreeBytes;
    }

    /// <summary>Free bytes available to this process on the file system that holds the store.</summary>
    public long AvailableBytes() => new DriveInfo(_path).AvailableFreeSpace;

    /// <summary>Whether <paramref name="additionalBytes"/> more can be written without dropping below the floor.</summary>
    public bool HasRoomFor(long additionalBytes)
    {
        var available = AvailableBytes();
        return available - additionalBytes >= _minFreeBytes;
    }

    private const int SqliteFull = 13;

    /// <summary>Whether an I/O or SQLite error means the disk or the quota is full (ENOSPC, EDQUOT, SQLITE_FULL).</summary>
    public static bool IsOutOfSpace(Exception exception) => exception switch
    {
        IOException io => IsOutOfSpace(io),
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) == SqliteFull,
        _ => false,
    };

    /// <summary>Whether an I/O error means the disk or the quota is full (ENOSPC, EDQUOT).</summary>
    public static bool IsOutOfSpace(IOException exception) =>
        exception.HResult is NativeMethods.ENOSPC or NativeMethods.EDQUOT
        || (exception.HResult & 0xFFFF) is 0x70 or 0x27; // Windows: ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
}
