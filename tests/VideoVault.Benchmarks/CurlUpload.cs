using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoVault.Benchmarks;

/// <summary>Posts a file as <c>multipart/form-data</c> with curl, the same client for every server.</summary>
internal static partial class CurlUpload
{
    /// <summary>
    /// Posts <paramref name="file"/> to <paramref name="url"/>; returns curl's own total time and the CPU time curl
    /// used (the client shares the machine's cores with the server, so its cost is part of the picture).
    /// </summary>
    public static async Task<(TimeSpan Time, CpuTime ClientCpu)> PostAsync(Uri url, string file)
    {
        // The shell's `times` prints its children's CPU time once curl has ended: the second line of its output.
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "-c", "curl \"$@\"; status=$?; times; exit $status", "sh",
            "--silent", "--show-error", "--fail-with-body", "-o", "/dev/null",
            "-w", "%{http_code} %{time_total}\\n",
            "-H", "Expect:",
            "-F", "content_type=Benchmark",
            "-F", $"video=@{file};type=video/mp4",
            url.ToString(),
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var curl = Process.Start(start) ?? throw new BenchmarkException("curl could not be started");
        var output = await curl.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        var error = await curl.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await curl.WaitForExitAsync().ConfigureAwait(false);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var parts = lines.Length == 3 ? lines[0].Split(' ') : [];
        if (curl.ExitCode != 0 || parts.Length != 2 || parts[0] is not ("200" or "201"))
        {
            throw new BenchmarkException($"upload to {url} failed: curl exit {curl.ExitCode}, {output} {error.Trim()}");
        }

        var time = TimeSpan.FromSeconds(double.Parse(parts[1], CultureInfo.InvariantCulture));
        var children = ShellTime().Matches(lines[2]);
        if (children.Count != 2)
        {
            throw new BenchmarkException($"unexpected output of the shell's times: {lines[2]}");
        }

        return (time, new CpuTime(Seconds(children[0]), Seconds(children[1])));
    }

    private static double Seconds(Match match) =>
        (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 60)
        + double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);

    // "0m0.213s" (bash) or "0m0.213000s" (dash).
    [GeneratedRegex(@"(\d+)m([\d.]+)s")]
    private static partial Regex ShellTime();
}
