using Microsoft.Extensions.Primitives;

namespace VideoVault.AspNetCore.Tus;

/// <summary>The <c>Upload-Checksum</c> header of the checksum extension: <c>&lt;algorithm&gt; &lt;Base64 digest&gt;</c>.</summary>
internal static class TusChecksum
{
    /// <summary>
    /// <see langword="true"/> with <paramref name="checksum"/> <see langword="null"/> when the header is absent, with the
    /// checksum when it is valid; <see langword="false"/> (tus: 400) for an unsupported algorithm or a malformed digest.
    /// </summary>
    public static bool TryRead(StringValues values, out UploadChecksum? checksum, out string? error)
    {
        checksum = null;
        error = null;
        if (values.Count == 0)
        {
            return true;
        }

        var parts = values.Count == 1 ? (values[0] ?? string.Empty).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (parts.Length != 2)
        {
            error = "Upload-Checksum must be one value: an algorithm and a Base64 digest separated by a space, e.g. 'sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0='.";
            return false;
        }

        (UploadChecksumAlgorithm Algorithm, int Length)? algorithm = parts[0].ToLowerInvariant() switch
        {
            "sha1" => (UploadChecksumAlgorithm.Sha1, 20),
            "md5" => (UploadChecksumAlgorithm.Md5, 16),
            "sha256" => (UploadChecksumAlgorithm.Sha256, 32),
            _ => null,
        };
        if (algorithm is not { } known)
        {
            error = $"The checksum algorithm is not supported; use one of {TusHeaders.ChecksumAlgorithms}.";
            return false;
        }

        var digest = new byte[known.Length + 3];
        if (!Convert.TryFromBase64String(parts[1], digest, out var written) || written != known.Length)
        {
            error = $"The Upload-Checksum digest is not the Base64 of a {known.Length}-byte {parts[0].ToLowerInvariant()} digest.";
            return false;
        }

        checksum = new UploadChecksum(known.Algorithm, digest.AsMemory(0, written));
        return true;
    }
}
