using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace VideoVault.AspNetCore.Tests.Samples;

/// <summary>
/// The sample host started as its own process, exactly as the README runs it, on a loopback port the OS picks and
/// configured by environment variables; killed with its process tree on dispose, whatever the test did.
/// </summary>
internal sealed partial class SampleHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SampleHostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The host's process id, for reading its memory figures from <c>/proc</c>.</summary>
    public int ProcessId => _process.Id;

    /// <param name="environment">Settings such as <c>VideoVault__RootPath</c>.</param>
    /// <param name="tmpfsRoot">A tmpfs of that many bytes mounted at that path for the host alone (a disk that fills up).</param>
    /// <param name="listenAddress">Where the host listens (see <see cref="FreeLoopbackAddress"/>), so a restarted host
    /// answers at the same URLs; by default a loopback port the OS picks.</param>
    public static async Task<SampleHostProcess> StartAsync(
        IDictionary<string, string> environment, (string Path, long Bytes)? tmpfsRoot = null, Uri? listenAddress = null)
    {
        var process = Start(environment, tmpfsRoot, listenAddress ?? new Uri("http://127.0.0.1:0"));
        try
        {
            return new SampleHostProcess(process, await WaitForListeningAsync(process));
        }
        catch
        {
            await StopAsync(process);
            throw;
        }
    }

    /// <summary>A loopback address with a port that is free now, for a host that must come back at the same address.</summary>
    public static Uri FreeLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
    }

    /// <summary>Kills the host alone without warning (SIGKILL), as a crash would, and waits until it is gone.</summary>
    public async Task CrashAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync(_process);

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static Process Start(IDictionary<string, string> environment, (string Path, long Bytes)? tmpfsRoot, Uri listenAddress)
    {
        var assembly = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo(tmpfsRoot is null ? "dotnet" : "unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        if (tmpfsRoot is { } tmpfs)
        {
            // A private mount namespace (no root needed with --map-root-user): the tmpfs exists for the host only and
            // vanishes with it. unshare and sh exec, so the host keeps this process id.
            foreach (var arg in new[] { "--mount", "--map-root-user", "sh", "-c", "mount -t tmpfs -o size=\"$1\" tmpfs \"$0\" && shift && exec dotnet \"$@\"", tmpfs.Path, tmpfs.Bytes.ToString(CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in new[] { assembly, "--urls", listenAddress.GetLeftPart(UriPartial.Authority) })
        {
            info.ArgumentList.Add(arg);
        }

        // Development serves wwwroot from the project through the static web assets manifest, as `dotnet run` does.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }

    private static async Task<Uri> WaitForListeningAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                // Keep draining so the host never blocks on a full stdout pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return new Uri(match.Groups[1].Value);
            }
        }

        var errors = await process.StandardError.ReadToEndAsync(timeout.Token);
        throw new InvalidOperationException("The sample host exited without listening:\n" + string.Join('\n', seen) + "\n" + errors);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
