namespace VideoVault.Mirroring;

/// <summary>
/// Thrown from a read of <see cref="VerifyingReadStream"/> when the local file no longer matches its manifest record,
/// before the bytes that complete the file are handed to the uploader, so a corrupt copy never completes on the mirror.
/// </summary>
internal sealed class LocalFileCorruptException : IOException
{
    public LocalFileCorruptException(string message)
        : base(message)
    {
    }
}
