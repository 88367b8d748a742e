using System.Diagnostics;
using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>
/// The seed system's approach as a peer: <c>tests/python/flask_upload_host.py</c> under Debian's python3 and
/// python3-flask, which reads the whole file into memory, writes it to a temp file and moves it into place.
/// </summary>
internal static class FlaskPeer
{
    private const string Python = "/usr/bin/python3";

    public static Task<ServerProcess> StartAsync(string repositoryRoot, string directory)
    {
        if (!File.Exists(Python))
        {
            throw new BenchmarkException($"{Python} is missing: apt-get install python3-flask (./bench.sh does), or pass --skip flask");
        }

        // Werkzeug spools the form's file part to a temporary file before the handler reads it: on the same disk.
        var temp = Directory.CreateDirectory(Path.Combine(directory, "tmp")).FullName;
        var port = ServerProcess.FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { Path.Combine(repositoryRoot, "tests", "python", "flask_upload_host.py"), "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", directory },
            Environment = { ["TMPDIR"] = temp, ["PYTHONUNBUFFERED"] = "1" },
        };
        return ServerProcess.StartAsync(start, baseUri, new Uri(baseUri, "health"));
    }
}
