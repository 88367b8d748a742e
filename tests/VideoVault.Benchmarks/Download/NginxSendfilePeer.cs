using System.Diagnostics;

namespace VideoVault.Benchmarks.Download;

/// <summary>
/// nginx serving the store's own files as static files with <c>sendfile on</c> (the kernel copies from the page cache
/// to the socket; nginx touches no byte): the reference a download is held to. It serves <c>{root}/videos/...</c>
/// under <c>/videos/...</c>, so it sends the very file the host sends.
/// </summary>
internal static class NginxSendfilePeer
{
    public static async Task<ServerProcess> StartAsync(string directory, string storeRoot)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new BenchmarkException("nginx is not installed: apt-get install nginx (./bench.sh does)");

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
              sendfile on;
              default_type application/octet-stream;
              client_body_temp_path {{root}};
              server {
                listen 127.0.0.1:{{port}};
                root {{storeRoot}};
                location = /health { return 200; }
                location /videos/ { }
              }
            }
            """).ConfigureAwait(false);

        var start = new ProcessStartInfo(nginx) { ArgumentList = { "-c", config, "-p", root } };
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        return await ServerProcess.StartAsync(start, baseUri, new Uri(baseUri, "health")).ConfigureAwait(false);
    }
}
