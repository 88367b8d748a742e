using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VideoVault.BrowserTests;

/// <summary>
/// The real sample host, started as its own process on a free loopback port over a throwaway store root, the way an
/// operator starts it (its top-level Program cannot be hosted in-process). It can be killed and started again on the
/// same root and port, as after a crash.
/// </summary>
internal sealed class SampleHostProcess : IAsyncDisposable
{
    private const int MaxOutputLines = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly ProcessStartInfo startInfo;
    private readonly ConcurrentQueue<string> output = new();
    private Process process;

    private SampleHostProcess(ProcessStartInfo startInfo, Uri baseAddress, string rootPath)
    {
        this.startInfo = startInfo;
        BaseAddress = baseAddress;
        RootPath = rootPath;
        process = StartProcess();
    }

    public Uri BaseAddress { get; }

    public string RootPath { get; }

    /// <summary>The last lines the host wrote, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, output);

    /// <param name="settings">Extra environment settings for the host, such as <c>VideoVault__MaxFileSizeBytes</c>.</param>
    /// <param name="cancellationToken">Cancels the wait for the host.</param>
    public static async Task<SampleHostProcess> StartAsync(
        IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "VideoVault.SampleHost.dll");
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException($"The sample host was not built next to the tests ({hostDll}).");
        }

        var contentRoot = FindSampleHostProjectDirectory();
        var rootPath = Path.Combine(Path.GetTempPath(), "videovault-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(rootPath);
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");

        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = rootPath,
        };
        startInfo.ArgumentList.Add(hostDll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        // The page is served from the project's wwwroot, so the test always exercises the files in the tree.
        startInfo.ArgumentList.Add("--contentRoot");
        startInfo.ArgumentList.Add(contentRoot);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["VideoVault__RootPath"] = rootPath;
        // A busy CI disk must not turn the happy path into a 507.
        startInfo.Environment["VideoVault__MinFreeSpaceBytes"] = (16 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var host = new SampleHostProcess(startInfo, baseAddress, rootPath);
        try
        {
            await host.WaitUntilHealthyAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Kills the host at once (SIGKILL, no graceful shutdown), keeping its store root.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Starts the killed host again with the same settings, root and port, and waits until it is healthy.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (!process.HasExited)
        {
            throw new InvalidOperationException("Kill the host before starting it again.");
        }

        process.Dispose();
        Remember("--- restarted ---");
        process = StartProcess();
        await WaitUntilHealthyAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        finally
        {
            process.Dispose();
            try
            {
                Directory.Delete(RootPath, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the test result must not depend on it.
            }
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The sample host exited with code {process.ExitCode} before it was healthy. Its output:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first answer on a loaded machine; ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException(
            $"The sample host did not answer /health within {StartTimeout.TotalSeconds} s. Its output:{Environment.NewLine}{RecentOutput}");
    }

    private Process StartProcess()
    {
        var started = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) => Remember(e.Data);
        started.ErrorDataReceived += (_, e) => Remember(e.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > MaxOutputLines && output.TryDequeue(out _))
        {
        }
    }

    private static string DotnetHost()
    {
        // Set by the SDK for the processes it starts, so the host runs on the same runtime as the tests.
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk) ? fromSdk : "dotnet";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindSampleHostProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "VideoVault.SampleHost");
            if (File.Exists(Path.Combine(candidate, "wwwroot", "index.html")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"Could not find samples/VideoVault.SampleHost/wwwroot/index.html above {AppContext.BaseDirectory}.");
    }
}
