using System.Globalization;
using System.Text.Json;

namespace VideoVault.Benchmarks;

/// <summary>
/// Uploads a file with tus-js-client under Node (<c>tests/node/tus-js-bench-upload.mjs</c>): the same client, with the
/// same chunk size, for VideoVault's tus endpoint and for <c>@tus/server</c>. The time and CPU are the script's own
/// (from <c>start()</c> to <c>onSuccess</c>), so starting Node is not counted, as starting curl is not.
/// </summary>
internal static class TusJsUpload
{
    /// <summary>Uploads <paramref name="file"/> to <paramref name="uploads"/> in PATCHes of <paramref name="chunkBytes"/> (0: one PATCH).</summary>
    public static async Task<CompletedUpload> UploadAsync(string repositoryRoot, Uri uploads, string file, long chunkBytes, CancellationToken cancellationToken)
    {
        var script = Path.Combine(repositoryRoot, "tests", "node", "tus-js-bench-upload.mjs");
        var (lines, _, _) = await TimedCommand.RunAsync(
            FindNode(repositoryRoot),
            [script, "--endpoint", uploads.ToString(), "--file", file, "--chunk-size", chunkBytes.ToString(CultureInfo.InvariantCulture)],
            $"tus-js-client upload to {uploads}",
            cancellationToken).ConfigureAwait(false);
        if (lines is not [var line])
        {
            throw new BenchmarkException($"tus-js-client upload to {uploads} printed {lines.Count} lines, not one: {string.Join(" / ", lines)}");
        }

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var patches = root.GetProperty("patches").GetInt32();
        var videoId = root.GetProperty("video_id").ValueKind == JsonValueKind.String ? root.GetProperty("video_id").GetString() : null;
        return new CompletedUpload(
            new ClientRun(
                TimeSpan.FromSeconds(root.GetProperty("seconds").GetDouble()),
                new CpuTime(root.GetProperty("cpu_user").GetDouble(), root.GetProperty("cpu_system").GetDouble())),
            videoId,
            $"{patches} PATCH{(patches == 1 ? "" : "es")}");
    }

    /// <summary>The node executable, once the npm packages of <c>tests/node</c> are installed.</summary>
    public static string FindNode(string repositoryRoot)
    {
        if (!Directory.Exists(Path.Combine(repositoryRoot, "tests", "node", "node_modules", "tus-js-client")))
        {
            throw new BenchmarkException("the npm packages of tests/node are not installed: run `npm ci` in tests/node (./bench.sh does), or pass --skip tus-js");
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists)
            ?? throw new BenchmarkException("node is not installed: apt-get install nodejs npm (./bench.sh does), or pass --skip tus-js");
    }
}
