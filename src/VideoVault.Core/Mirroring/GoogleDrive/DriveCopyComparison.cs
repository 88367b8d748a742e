using System.Globalization;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>
/// Compares what Drive reports about a mirror copy with the manifest's record: the size always, the SHA-256 when Drive
/// reports one (Drive may omit it: that is "not compared", never a mismatch), and the MD5 when Drive reports one and the
/// MD5 of the verified bytes is known. Pure, so every rule is tested on its own.
/// </summary>
/// <param name="Outcome"><see cref="MirrorCopyOutcome.Intact"/>, <see cref="MirrorCopyOutcome.Unverified"/> or <see cref="MirrorCopyOutcome.Corrupt"/>.</param>
/// <param name="Detail">What was compared, or what differs.</param>
/// <param name="Sha256Compared">Whether the SHA-256s were compared.</param>
/// <param name="Md5Compared">Whether the MD5s were compared.</param>
internal sealed record DriveCopyComparison(MirrorCopyOutcome Outcome, string Detail, bool Sha256Compared, bool Md5Compared)
{
    /// <param name="file">The copy as Drive reports it (not trashed).</param>
    /// <param name="sizeBytes">The recorded size.</param>
    /// <param name="sha256">The recorded SHA-256.</param>
    /// <param name="md5">The MD5 of the verified bytes, when known.</param>
    public static DriveCopyComparison Compare(DriveFile file, long sizeBytes, string sha256, string? md5)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(sha256);
        if (file.Size != sizeBytes)
        {
            var reported = file.Size?.ToString(CultureInfo.InvariantCulture) ?? "no";
            return new(MirrorCopyOutcome.Corrupt, string.Create(CultureInfo.InvariantCulture, $"Drive reports {reported} bytes for file {file.Id}, the record {sizeBytes}"), false, false);
        }

        var sha256Compared = file.Sha256Checksum is not null;
        if (sha256Compared && !string.Equals(file.Sha256Checksum, sha256, StringComparison.OrdinalIgnoreCase))
        {
            return new(MirrorCopyOutcome.Corrupt, $"Drive's SHA-256 of file {file.Id} is {file.Sha256Checksum}, the record's {sha256}", true, false);
        }

        var md5Compared = file.Md5Checksum is not null && md5 is not null;
        if (md5Compared && !string.Equals(file.Md5Checksum, md5, StringComparison.OrdinalIgnoreCase))
        {
            return new(MirrorCopyOutcome.Corrupt, $"Drive's MD5 of file {file.Id} is {file.Md5Checksum}, the verified bytes' {md5}", sha256Compared, true);
        }

        var compared = (sha256Compared, md5Compared) switch
        {
            (true, true) => "size, SHA-256 and MD5 match",
            (true, false) => "size and SHA-256 match",
            (false, true) => "size and MD5 match (Drive reported no SHA-256)",
            _ => null,
        };
        return compared is null
            ? new(MirrorCopyOutcome.Unverified, string.Create(CultureInfo.InvariantCulture,
                $"size matches ({sizeBytes} bytes), but no checksum could be compared: Drive reported no SHA-256{(file.Md5Checksum is null ? " and no MD5" : "")} and the MD5 of the verified bytes is not known"), false, false)
            : new(MirrorCopyOutcome.Intact, $"{compared} Drive's file {file.Id}", sha256Compared, md5Compared);
    }
}
