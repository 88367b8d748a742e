using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VideoVault.Benchmarks;

/// <summary>A server started as a child process for the duration of the benchmark.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int ProcessId => _process.Id;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ServerProcess> StartAsync(ProcessStartInfo start, Uri baseUri, Uri readyProbe)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new BenchmarkException($"{start.FileName} could not be started");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [{start.FileName}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline;)
        {
            if (process.HasExited)
            {
                throw new BenchmarkException($"{start.FileName} exited with {process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await http.GetAsync(readyProbe).ConfigureAwait(false);
                return new ServerProcess(process, baseUri);
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        process.Kill(entireProcessTree: true);
        throw new BenchmarkException($"{start.FileName} did not answer {readyProbe} within 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
