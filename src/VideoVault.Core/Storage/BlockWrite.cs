using Microsoft.Win32.SafeHandles;

namespace VideoVault.Storage;

/// <summary>
/// Writes one block of an upload at its offset in the temp file. <see cref="RandomAccess.Write(SafeFileHandle, ReadOnlySpan{byte}, long)"/>
/// in production; a test passes one that fails the way a disk does (EIO, ENOSPC).
/// </summary>
internal delegate void BlockWrite(SafeFileHandle file, ReadOnlySpan<byte> data, long fileOffset);
