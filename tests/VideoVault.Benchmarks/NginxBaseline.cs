using System.Diagnostics;

namespace VideoVault.Benchmarks;

/// <summary>
/// nginx configured to write each request body to a file on the same disk (<c>client_body_in_file_only</c>), with no
/// hashing and no fsync: the reference for "how fast can this machine take in an upload". Three locations:
/// <list type="bullet">
/// <item><c>/upload-stock</c>: nginx as installed, writing the body in <c>client_body_buffer_size</c> pieces of its
/// default size (two pages, 8 KiB on x86-64), deleting the file when the request ends (<c>clean</c>).</item>
/// <item><c>/upload</c>: the same with 1 MiB pieces, nginx's fastest setting here. The deleted file's pages are
/// dropped before they are ever written back and the next upload reuses them.</item>
/// <item><c>/upload-keep</c>: 1 MiB pieces, every file kept (<c>on</c>), as VideoVault keeps every video, so each
/// upload needs fresh page cache, which this kind of VM makes expensive (see performance-notes).</item>
/// </list>
/// </summary>
internal static class NginxBaseline
{
    public static async Task<ServerProcess> StartAsync(string workDirectory)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new BenchmarkException("nginx is not installed (apt-get install nginx), or pass --skip-nginx");

        var root = Directory.CreateDirectory(Path.Combine(workDirectory, "nginx")).FullName;
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
                location = /upload-stock {
                  client_body_in_file_only clean;
                  proxy_pass_request_body off;
                  proxy_set_header Content-Length "";
                  proxy_pass http://127.0.0.1:{{port}}/done;
                }
                location = /upload {
                  client_body_buffer_size 1m;
                  client_body_in_file_only clean;
                  proxy_pass_request_body off;
                  proxy_set_header Content-Length "";
                  proxy_pass http://127.0.0.1:{{port}}/done;
                }
                location = /upload-keep {
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
