using System.Diagnostics;
using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>
/// The tus project's Node server as a peer: <c>@tus/server</c> with <c>@tus/file-store</c> (pinned in
/// <c>tests/node/package.json</c>), started by <c>tests/node/tus-reference-server.mjs</c>, its uploads at
/// <c>/files</c> stored under <c>{directory}/files</c> (the data file and its <c>.json</c> metadata; no hash, no fsync).
/// </summary>
internal static class TusServerPeer
{
    public static Task<ServerProcess> StartAsync(string repositoryRoot, string directory, long maxSize)
    {
        var node = TusJsUpload.FindNode(repositoryRoot);
        var port = ServerProcess.FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(node)
        {
            ArgumentList =
            {
                "tus-reference-server.mjs", "--port", port.ToString(CultureInfo.InvariantCulture), "--path", "/files",
                "--dir", directory, "--max-size", maxSize.ToString(CultureInfo.InvariantCulture),
            },
            WorkingDirectory = Path.Combine(repositoryRoot, "tests", "node"),
        };

        // Any answer means it listens; @tus/server answers a GET of the collection itself with an error status.
        return ServerProcess.StartAsync(start, baseUri, new Uri(baseUri, "files"));
    }
}
