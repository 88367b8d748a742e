using Microsoft.Net.Http.Headers;

namespace VideoVault.AspNetCore.Multipart;

/// <summary>Extracts and checks the boundary of a <c>multipart/form-data</c> request.</summary>
internal static class MultipartBoundary
{
    /// <summary>RFC 2046 §5.1.1 caps a boundary at 70 characters; longer ones are refused rather than scanned for.</summary>
    public const int MaxLength = 70;

    public static bool TryGet(string? contentType, out string boundary, out string error)
    {
        boundary = string.Empty;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            error = "The request must be multipart/form-data with the video in the field 'video'.";
            return false;
        }

        var value = HeaderUtilities.RemoveQuotes(mediaType.Boundary);
        if (value.Length == 0)
        {
            error = "The multipart/form-data request has no boundary.";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"The multipart boundary is longer than {MaxLength} characters.";
            return false;
        }

        boundary = value.ToString();
        error = string.Empty;
        return true;
    }
}
