using System.Diagnostics;

namespace VideoVault.Benchmarks;

/// <summary>
/// One nginx process for a benchmark peer: the installed binary, one worker in the foreground, its pid, log and
/// config in <c>directory</c>, a free loopback port, <c>/health</c> for the start check, and the peer's own
/// <c>http</c> settings and locations.
/// </summary>
internal static class NginxServer
{
    /// <param name="directory">Where the config, pid and error log go (created).</param>
    /// <param name="http">The lines inside <c>http { }</c>, given the root folder and the port; a server block with
    /// <c>listen 127.0.0.1:port</c> and <c>location = /health</c> must be among them.</param>
    /// <param name="missingHint">What to say when nginx is not installed.</param>
    public static async Task<ServerProcess> StartAsync(string directory, Func<string, int, string> http, string missingHint)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new BenchmarkException($"nginx is not installed: {missingHint}");

        var root = Directory.CreateDirectory(directory).FullName;
        var port = ServerProcess.FreePort();
        var config = Path.Combine(root, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            user root;
            worker_processes 1;
            daemon off;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            events { worker_connections 64; }
            http {
              access_log off;
            {{http(root, port)}}
            }
            """).ConfigureAwait(false);

        var start = new ProcessStartInfo(nginx) { ArgumentList = { "-c", config, "-p", root } };
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        return await ServerProcess.StartAsync(start, baseUri, new Uri(baseUri, "health")).ConfigureAwait(false);
    }
}
