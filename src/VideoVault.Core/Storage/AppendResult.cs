namespace VideoVault.Storage;

/// <summary>How an <see cref="AtomicFileWriter.AppendAsync"/> ended.</summary>
internal enum AppendStatus
{
    /// <summary>Every body byte is in the file and fsync'd.</summary>
    Written,

    /// <summary>The body failed part-way; what reached the disk is fsync'd.</summary>
    Interrupted,

    /// <summary>The body passed the allowed length.</summary>
    TooLarge,

    /// <summary>The disk or quota filled up, or the free-space floor was reached.</summary>
    OutOfSpace,
}

/// <summary>The result of an append: its status, the body bytes written, the durable end of the file, and the body's error.</summary>
internal readonly record struct AppendResult(AppendStatus Status, long Length, long DurableEnd, Exception? BodyError);
