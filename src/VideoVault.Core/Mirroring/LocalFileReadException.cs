namespace VideoVault.Mirroring;

/// <summary>
/// Opening or reading a stored video for the mirror failed on the local disk. Its message is client-safe (the mirror
/// status is served over HTTP; the original error names the absolute path), the original is the inner exception for
/// the logs, and the type tells the classifier the fault is local, not Drive's or the network's.
/// </summary>
internal sealed class LocalFileReadException : IOException
{
    public LocalFileReadException(Exception inner)
        : base($"The local file could not be read ({inner?.GetType().Name}).", inner)
    {
    }

    /// <summary>Wraps a disk error; anything else (a corruption verdict, cancellation) is not a read failure.</summary>
    public static bool IsReadFailure(Exception exception) =>
        exception is (IOException or UnauthorizedAccessException) and not (LocalFileCorruptException or LocalFileReadException);
}
