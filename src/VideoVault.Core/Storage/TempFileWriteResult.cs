namespace VideoVault.Storage;

/// <summary>How streaming a body into a temp file ended.</summary>
internal enum TempFileWriteStatus
{
    /// <summary>The temp file holds the whole body and is fsync'd.</summary>
    Written,

    /// <summary>The body exceeded the size limit; the temp file is gone.</summary>
    TooLarge,

    /// <summary>The disk or quota filled up, or the free-space floor was reached; the temp file is gone.</summary>
    OutOfSpace,
}

/// <summary>The result of <see cref="AtomicFileWriter.WriteAsync"/>: on success, the fsync'd temp file, its length and hash.</summary>
internal readonly record struct TempFileWriteResult(TempFileWriteStatus Status, string TempPath, long Length, string Sha256);
