namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>A Drive file as the client reads it: the fields the mirror needs to find and verify a copy.</summary>
internal sealed record DriveFile
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? MimeType { get; init; }

    /// <summary>Drive's <c>size</c> (sent as a string, parsed here); null when Drive did not report it.</summary>
    public long? Size { get; init; }

    /// <summary>Lower-case hex, as Drive reports it.</summary>
    public string? Md5Checksum { get; init; }

    /// <summary>Lower-case hex; Drive may omit it ("if available"), which means unverified, not a mismatch.</summary>
    public string? Sha256Checksum { get; init; }

    public string? WebViewLink { get; init; }

    public IReadOnlyList<string> Parents { get; init; } = [];

    public IReadOnlyDictionary<string, string> AppProperties { get; init; } = new Dictionary<string, string>();

    public bool Trashed { get; init; }

    /// <summary>The <c>videoVaultId</c> app property, when the file is one of ours.</summary>
    public string? VideoVaultId => AppProperties.GetValueOrDefault(DriveQuery.VideoVaultIdKey);

    /// <summary>Compares what Drive reports with the local bytes the upload read.</summary>
    public DriveContentCheck CompareWith(long size, string md5Hex, string? sha256Hex)
    {
        if (Size != size)
        {
            return DriveContentCheck.Mismatch($"Drive reports {Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} bytes, the local file has {size}.");
        }

        if (Md5Checksum is null)
        {
            return DriveContentCheck.Mismatch("Drive reported no md5Checksum, so the copy cannot be verified.");
        }

        if (!string.Equals(Md5Checksum, md5Hex, StringComparison.OrdinalIgnoreCase))
        {
            return DriveContentCheck.Mismatch($"Drive's MD5 {Md5Checksum} differs from the local {md5Hex}.");
        }

        if (Sha256Checksum is null || sha256Hex is null)
        {
            return DriveContentCheck.Verified(sha256Compared: false);
        }

        return string.Equals(Sha256Checksum, sha256Hex, StringComparison.OrdinalIgnoreCase)
            ? DriveContentCheck.Verified(sha256Compared: true)
            : DriveContentCheck.Mismatch($"Drive's SHA-256 {Sha256Checksum} differs from the local {sha256Hex}.");
    }
}
