namespace VideoVault.Mirroring;

/// <summary>The size and digests of every byte of the local file, as actually read from disk for the mirror.</summary>
/// <param name="Length">The number of bytes read.</param>
/// <param name="Md5">MD5, lower-case hex (Drive's <c>md5Checksum</c>).</param>
/// <param name="Sha256">SHA-256, lower-case hex (Drive's <c>sha256Checksum</c> and the manifest's record).</param>
/// <param name="Corruption">Why the bytes differ from the manifest record, or <see langword="null"/> when they match it.</param>
internal sealed record LocalContentHashes(long Length, string Md5, string Sha256, string? Corruption)
{
    public bool MatchesManifest => Corruption is null;
}
