using System.Text.Json;

namespace VideoVault.Benchmarks;

/// <summary>Checks through <c>GET {prefix}/videos/list</c> that an upload became a listed video with the payload's bytes.</summary>
internal static class VideoListing
{
    public static async Task RequireAsync(HttpClient http, Uri list, string videoId, long size, string sha256, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(list, "?limit=1000"), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkException($"listing the videos failed: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        foreach (var video in json.RootElement.GetProperty("videos").EnumerateArray())
        {
            if (video.GetProperty("video_id").GetString() != videoId)
            {
                continue;
            }

            var listedSize = video.GetProperty("size_bytes").GetInt64();
            var listedHash = video.GetProperty("sha256").GetString();
            if (listedSize != size || !string.Equals(listedHash, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BenchmarkException($"video {videoId} is listed with {listedSize} bytes, SHA-256 {listedHash}; the payload has {size} bytes, SHA-256 {sha256}");
            }

            return;
        }

        throw new BenchmarkException($"video {videoId}, named by the last PATCH's answer, is not among the 1,000 newest listed");
    }
}
