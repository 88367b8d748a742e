using System.Diagnostics;

namespace VideoVault.Benchmarks;

/// <summary>
/// nginx writing each request body to a file on the same disk and keeping it (<c>client_body_in_file_only on</c>),
/// in 1 MiB pieces (<c>client_body_buffer_size 1m</c>, its fastest setting here), with no hashing and no fsync: how
/// fast a lean C server takes a body to the page cache. The bodies land in <c>{directory}/body</c>.
/// </summary>
/// <remarks>
/// <c>clean</c> (delete the file when the request ends) is no peer for a store: nginx unlinks the body before the
/// kernel writes it back, so nothing reaches the disk, and the next upload reuses the same pages of cache (measured:
/// 0.33 s/GiB with <c>clean</c>, 2.5 s/GiB with <c>on</c>, where every body needs fresh pages).
/// </remarks>
internal static class NginxPeer
{
    public static async Task<ServerProcess> StartAsync(string directory)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new BenchmarkException("nginx is not installed: apt-get install nginx (./bench.sh does), or pass --skip nginx");

        var root = Directory.CreateDirectory(directory).FullName;
        Directory.CreateDirectory(Path.Combine(root, "body"));
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
              client_body_temp_path {{root}}/body;
              server {
                listen 127.0.0.1:{{port}};
                client_max_body_size 0;
                location = /upload {
                  client_body_buffer_size 1m;
                  client_body_in_file_only on;
                  proxy_pass_request_body off;
                  proxy_set_header Content-Length "";
                  proxy_pass http://127.0.0.1:{{port}}/done;
                }
                location = /done { return 201; }
                location = /health { return 200; }
              }
            }
            """).ConfigureAwait(false);

        var start = new ProcessStartInfo(nginx) { ArgumentList = { "-c", config, "-p", root } };
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        return await ServerProcess.StartAsync(start, baseUri, new Uri(baseUri, "health")).ConfigureAwait(false);
    }
}
