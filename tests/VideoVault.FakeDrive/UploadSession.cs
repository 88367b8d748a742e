namespace VideoVault.FakeDrive;

/// <summary>A resumable upload session: its metadata and the bytes persisted so far.</summary>
internal sealed class UploadSession
{
    public required string UploadId { get; init; }

    public required string Name { get; init; }

    public required string MimeType { get; init; }

    public required IReadOnlyList<string> Parents { get; init; }

    public required IReadOnlyDictionary<string, string> AppProperties { get; init; }

    public string? FileId { get; init; }

    public long? DeclaredLength { get; init; }

    public string? Fields { get; init; }

    public long? Total { get; set; }

    public MemoryStream Data { get; } = new();

    public FakeDriveFile? Completed { get; set; }

    public long Persisted => Data.Length;

    /// <summary>Appends the part of a chunk starting at <paramref name="first"/> that lies beyond what is persisted (overlap is ignored).</summary>
    public void Append(long first, ReadOnlySpan<byte> bytes)
    {
        var skip = Persisted - first;
        if (skip < 0)
        {
            throw new InvalidOperationException("A gap cannot be appended.");
        }

        if (skip < bytes.Length)
        {
            Data.Position = Data.Length;
            Data.Write(bytes[(int)skip..]);
        }
    }

    public void Discard() => Data.SetLength(0);
}
