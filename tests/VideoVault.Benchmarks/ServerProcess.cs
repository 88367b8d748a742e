using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VideoVault.Benchmarks;

/// <summary>A server started as a child process for the duration of the benchmark.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUri, TimeSpan startupTime)
    {
        _process = process;
        BaseUri = baseUri;
        StartupTime = startupTime;
    }

    public Uri BaseUri { get; }

    /// <summary>From just before the process was started until the ready probe was first answered.</summary>
    public TimeSpan StartupTime { get; }

    public int ProcessId => _process.Id;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts the server and returns once <paramref name="readyProbe"/> answers (any status), asked every
    /// <paramref name="pollInterval"/> (200 ms unless given; a start-up measurement asks more often) for at most
    /// <paramref name="timeout"/> (60 s unless given).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(ProcessStartInfo start, Uri baseUri, Uri readyProbe, TimeSpan? pollInterval = null, TimeSpan? timeout = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var started = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new BenchmarkException($"{start.FileName} could not be started");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [{start.FileName}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        for (var deadline = DateTime.UtcNow + limit; DateTime.UtcNow < deadline;)
        {
            if (process.HasExited)
            {
                throw new BenchmarkException($"{start.FileName} exited with {process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await http.GetAsync(readyProbe).ConfigureAwait(false);
                return new ServerProcess(process, baseUri, started.Elapsed);
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }

        process.Kill(entireProcessTree: true);
        throw new BenchmarkException($"{start.FileName} did not answer {readyProbe} within {limit.TotalSeconds:0} s");
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
