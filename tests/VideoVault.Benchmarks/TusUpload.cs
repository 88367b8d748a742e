using System.Globalization;
using System.Text;

namespace VideoVault.Benchmarks;

/// <summary>
/// Uploads a file through the tus 1.0.0 endpoints with curl: a creation <c>POST</c>, then one <c>PATCH</c> per piece.
/// </summary>
/// <remarks>
/// All the PATCHes of one upload go from one curl process, joined by <c>--next</c>, so they share one kept-alive
/// connection the way a tus client (tus-js-client, tuspy) sends its chunks. Starting a curl per chunk would charge
/// the tus side with 128 process starts and TCP handshakes per GiB that no real client pays; curl's own
/// <c>time_total</c> per request (summed) leaves starting the process out, as it does for the multipart upload.
/// Each piece is a file split off the payload before any timing (curl cannot send a byte range of a file), and is
/// streamed by <c>-T</c> like the multipart upload streams its file, so the client does the same work for both.
/// The POST goes from a curl of its own: the PATCH URL is in its answer's <c>Location</c>, and curl cannot carry a
/// value from one request to the next.
/// </remarks>
internal static class TusUpload
{
    private const string Version = "1.0.0";

    /// <summary>
    /// Creates an upload of <paramref name="length"/> bytes at <paramref name="uploads"/> (<c>{prefix}/uploads</c>) and
    /// sends <paramref name="pieces"/> in order, one PATCH each. Returns once the last PATCH is answered, which comes
    /// after the video is published; throws unless every answer is the one tus 1.0.0 gives and the last one names the
    /// video.
    /// </summary>
    public static async Task<CompletedUpload> UploadAsync(
        Uri uploads, IReadOnlyList<string> pieces, long length, string fileName, CancellationToken cancellationToken)
    {
        var metadata = string.Join(',', $"filename {Base64(fileName)}", $"filetype {Base64("video/mp4")}", $"content_type {Base64("Benchmark")}");
        var (created, createCpu) = await CurlRun.RunAsync(
            [
                "--silent", "--show-error", "--fail-with-body", "-o", "/dev/null",
                "-w", Format("%{http_code}", "%{time_total}", "%header{location}"),
                "-X", "POST",
                "-H", $"Tus-Resumable: {Version}",
                "-H", $"Upload-Length: {length.ToString(CultureInfo.InvariantCulture)}",
                "-H", $"Upload-Metadata: {metadata}",
                uploads.ToString(),
            ],
            $"tus creation at {uploads}",
            cancellationToken).ConfigureAwait(false);
        if (created is not [["201", var createTime, { Length: > 0 } location]])
        {
            throw new BenchmarkException($"tus creation at {uploads} was not answered 201 with a Location: {Describe(created)}");
        }

        var upload = new Uri(uploads, location);
        var arguments = new List<string> { "--fail-early" };
        long offset = 0;
        foreach (var piece in pieces)
        {
            if (arguments.Count > 1)
            {
                arguments.Add("--next");
            }

            arguments.AddRange(
            [
                "--silent", "--show-error", "--fail", "-o", "/dev/null",
                "-w", Format("%{http_code}", "%{time_total}", "%{num_connects}", "%header{upload-offset}", "%header{videovault-video-id}"),
                "-X", "PATCH", "-T", piece,
                "-H", $"Tus-Resumable: {Version}",
                "-H", "Content-Type: application/offset+octet-stream",
                "-H", $"Upload-Offset: {offset.ToString(CultureInfo.InvariantCulture)}",
                "-H", "Expect:",
                upload.ToString(),
            ]);
            offset += new FileInfo(piece).Length;
        }

        if (offset != length)
        {
            throw new BenchmarkException($"the pieces hold {offset} bytes, not {length}");
        }

        var (patched, patchCpu) = await CurlRun.RunAsync(arguments, $"tus PATCH to {upload}", cancellationToken).ConfigureAwait(false);
        if (patched.Count != pieces.Count)
        {
            throw new BenchmarkException($"{pieces.Count} PATCHes sent to {upload}, {patched.Count} answered: {Describe(patched)}");
        }

        var time = CurlRun.ParseSeconds(createTime);
        var connections = 0;
        long expected = 0;
        for (var i = 0; i < patched.Count; i++)
        {
            expected += new FileInfo(pieces[i]).Length;
            if (patched[i] is not ["204", var patchTime, var connects, var newOffset, var videoId] ||
                newOffset != expected.ToString(CultureInfo.InvariantCulture) ||
                (i == patched.Count - 1 && videoId.Length == 0))
            {
                throw new BenchmarkException($"PATCH {i + 1} of {patched.Count} to {upload} was not answered 204 with Upload-Offset {expected} (and, for the last, VideoVault-Video-Id): {string.Join(CurlRun.Separator, patched[i])}");
            }

            time += CurlRun.ParseSeconds(patchTime);
            connections += int.Parse(connects, CultureInfo.InvariantCulture);
        }

        return new CompletedUpload(
            new ClientRun(time, createCpu + patchCpu),
            patched[^1][4],
            $"{pieces.Count} PATCH{(pieces.Count == 1 ? "" : "es")} over {connections} connection{(connections == 1 ? "" : "s")}");
    }

    private static string Format(params string[] fields) => string.Join(CurlRun.Separator, fields) + "\\n";

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private static string Describe(IReadOnlyList<string[]> transfers) =>
        string.Join(" / ", transfers.Select(t => string.Join(CurlRun.Separator, t)));
}
