namespace VideoVault;

/// <summary>The algorithms a piece's <see cref="UploadChecksum"/> may use (tus's <c>Tus-Checksum-Algorithm</c>).</summary>
public enum UploadChecksumAlgorithm
{
    /// <summary>SHA-1 (tus's required algorithm).</summary>
    Sha1 = 1,

    /// <summary>MD5.</summary>
    Md5 = 2,

    /// <summary>SHA-256.</summary>
    Sha256 = 3,
}
