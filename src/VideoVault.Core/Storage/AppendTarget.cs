using Microsoft.Win32.SafeHandles;

namespace VideoVault.Storage;

/// <summary>Where an append writes: an open upload file, whether it is in direct-I/O mode, its path and the offset to start at.</summary>
internal readonly record struct AppendTarget(SafeFileHandle File, bool Direct, string Path, long Offset);
