using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoVault.Benchmarks;

/// <summary>
/// Runs one curl process under <c>/bin/sh</c> and returns what its <c>--write-out</c> printed (one line per transfer)
/// and the CPU time curl used, from the shell's <c>times</c> (children's user and system time, once curl has ended).
/// Every client in the benchmark is curl started this way, so the client side costs the same for every server.
/// </summary>
internal static partial class CurlRun
{
    /// <summary>Field separator for <c>--write-out</c> formats: a header curl did not receive prints as nothing.</summary>
    public const char Separator = '|';

    public static async Task<(IReadOnlyList<string[]> Transfers, CpuTime Cpu)> RunAsync(IEnumerable<string> curlArguments, string what)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("curl \"$@\"; status=$?; times; exit $status");
        start.ArgumentList.Add("sh");
        foreach (var argument in curlArguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var curl = Process.Start(start) ?? throw new BenchmarkException("curl could not be started");
        var output = curl.StandardOutput.ReadToEndAsync();
        var error = curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync().ConfigureAwait(false);
        var lines = (await output.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var errorText = (await error.ConfigureAwait(false)).Trim();

        // `times` prints two lines: the shell's own CPU, then its children's (curl's).
        if (curl.ExitCode != 0 || lines.Length < 2)
        {
            throw new BenchmarkException($"{what} failed: curl exit {curl.ExitCode}, {string.Join(" / ", lines)} {errorText}");
        }

        var children = ShellTime().Matches(lines[^1]);
        if (children.Count != 2)
        {
            throw new BenchmarkException($"unexpected output of the shell's times: {lines[^1]}");
        }

        var transfers = lines[..^2].Select(line => line.Split(Separator)).ToList();
        return (transfers, new CpuTime(Seconds(children[0]), Seconds(children[1])));
    }

    public static TimeSpan ParseSeconds(string seconds) =>
        TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));

    private static double Seconds(Match match) =>
        (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 60)
        + double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);

    // "0m0.213s" (bash) or "0m0.213000s" (dash).
    [GeneratedRegex(@"(\d+)m([\d.]+)s")]
    private static partial Regex ShellTime();
}
