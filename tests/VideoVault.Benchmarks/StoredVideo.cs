using System.Text.Json;

namespace VideoVault.Benchmarks;

/// <summary>
/// What the answer to a multipart upload says was stored: the video's id, size, SHA-256 and path under the root.
/// </summary>
internal sealed record StoredVideo(string Id, long SizeBytes, string Sha256, string LocalBackup)
{
    /// <summary>Posts <paramref name="file"/> with curl (as <see cref="CurlUpload"/>) and reads the answer.</summary>
    public static async Task<(StoredVideo Video, ClientRun Client)> UploadAsync(Uri url, string file, string responseFile, CancellationToken cancellationToken)
    {
        var client = await CurlUpload.PostAsync(url, file, cancellationToken, responseFile).ConfigureAwait(false);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(responseFile, cancellationToken).ConfigureAwait(false));
        var body = json.RootElement;
        var video = new StoredVideo(
            body.GetProperty("video_id").GetString()!,
            body.GetProperty("size_bytes").GetInt64(),
            body.GetProperty("sha256").GetString()!,
            body.GetProperty("local_backup").GetString()!);
        File.Delete(responseFile);
        return (video, client);
    }
}
