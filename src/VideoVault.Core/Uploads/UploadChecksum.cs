namespace VideoVault;

/// <summary>The digest a client computed over one piece of an upload.</summary>
/// <param name="Algorithm">The hash algorithm.</param>
/// <param name="Digest">The expected digest (raw bytes, not hex or Base64).</param>
public sealed record UploadChecksum(UploadChecksumAlgorithm Algorithm, ReadOnlyMemory<byte> Digest);
