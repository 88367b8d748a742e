namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>What a download response carries: where its bytes start in the file, how many it promises, and the file's size.</summary>
/// <param name="Start">The file offset of the body's first byte (0 for a whole-file answer).</param>
/// <param name="Length">The body's length from <c>Content-Length</c> or <c>Content-Range</c>, when Drive sent it.</param>
/// <param name="TotalSize">The whole file's size, when Drive said it (<c>Content-Range: bytes a-b/total</c>, or the length of a whole-file answer).</param>
internal readonly record struct DriveDownloadBody(long Start, long? Length, long? TotalSize);
