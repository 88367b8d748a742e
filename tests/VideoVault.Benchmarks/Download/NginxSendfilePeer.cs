namespace VideoVault.Benchmarks.Download;

/// <summary>
/// nginx serving the store's own files as static files with <c>sendfile on</c> (the kernel copies from the page cache
/// to the socket; nginx touches no byte): the reference a download is held to. It serves <c>{root}/videos/...</c>
/// under <c>/videos/...</c>, so it sends the very file the host sends.
/// </summary>
internal static class NginxSendfilePeer
{
    public static Task<ServerProcess> StartAsync(string directory, string storeRoot) =>
        NginxServer.StartAsync(directory, (root, port) => $$"""
              sendfile on;
              default_type application/octet-stream;
              client_body_temp_path {{root}};
              server {
                listen 127.0.0.1:{{port}};
                root {{storeRoot}};
                location = /health { return 200; }
                location /videos/ { }
              }
            """, "apt-get install nginx (./bench.sh does)");
}
