using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>
/// The real <c>curl</c> program, run as a process in a folder of the test's (Debian's curl; <c>./test.sh</c> installs
/// it when missing). Each run writes curl's view of the answer: the status from <c>--write-out</c>, the response
/// headers (<c>--dump-header</c>) and the body file named by the arguments.
/// </summary>
internal static class Curl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>curl --silent --show-error</c> with <paramref name="arguments"/> in <paramref name="folder"/>.</summary>
    public static async Task<CurlResult> RunAsync(string folder, params string[] arguments)
    {
        var headers = Path.Combine(folder, $"headers-{Guid.NewGuid():N}.txt");
        var info = new ProcessStartInfo("curl")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--silent", "--show-error", "--noproxy", "*", "--dump-header", headers, "--write-out", "%{http_code}", .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"This test runs the curl program, and it is missing ({ex.Message}). Run `./test.sh` at the repository root: " +
                "it installs what the tests use when missing (here `apt-get install curl`), then runs them.", ex);
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"curl {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s.");
        }

        var status = await output;
        var headerLines = File.Exists(headers) ? await File.ReadAllLinesAsync(headers) : [];
        File.Delete(headers);
        return new CurlResult(
            process.ExitCode,
            int.TryParse(status.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0,
            headerLines.Where(line => line.Contains(':', StringComparison.Ordinal)).ToList(),
            await errors);
    }
}

/// <summary>What curl reported: its exit code, the HTTP status, the header lines of the last answer, its error text.</summary>
internal sealed record CurlResult(int ExitCode, int Status, IReadOnlyList<string> HeaderLines, string StandardError)
{
    /// <summary>The value of the one header named <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        HeaderLines
            .Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(line => line[(name.Length + 1)..].Trim())
            .SingleOrDefault();

    public override string ToString() => $"curl exit {ExitCode}, HTTP {Status}: {string.Join(" | ", HeaderLines)} {StandardError}";
}
