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
    public static Task<ServerProcess> StartAsync(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "body"));
        return NginxServer.StartAsync(directory, (root, port) => $$"""
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
            """, "apt-get install nginx (./bench.sh does), or pass --skip nginx");
    }
}
