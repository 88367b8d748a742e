using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoVault.Benchmarks;

/// <summary>
/// Runs one program under <c>/bin/sh</c> and returns what it printed on standard output, the wall time from its start
/// to its exit, and the CPU time it used, from the shell's <c>times</c> (children's user and system time, once the
/// program has ended). Every client of the benchmark (curl, dd, openssl, node) is started this way.
/// </summary>
internal static partial class TimedCommand
{
    public static async Task<(IReadOnlyList<string> Lines, TimeSpan Elapsed, CpuTime Cpu)> RunAsync(
        string program, IEnumerable<string> arguments, string what, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("\"$@\"; status=$?; times; exit $status");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new BenchmarkException($"{program} could not be started");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var elapsed = clock.Elapsed;
        var lines = (await output.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var errorText = (await error.ConfigureAwait(false)).Trim();

        // `times` prints two lines: the shell's own CPU, then its children's (the program's).
        if (process.ExitCode != 0 || lines.Length < 2)
        {
            throw new BenchmarkException($"{what} failed: {program} exit {process.ExitCode}, {string.Join(" / ", lines)} {errorText}");
        }

        var children = ShellTime().Matches(lines[^1]);
        if (children.Count != 2)
        {
            throw new BenchmarkException($"unexpected output of the shell's times: {lines[^1]}");
        }

        return (lines[..^2], elapsed, new CpuTime(Seconds(children[0]), Seconds(children[1])));
    }

    private static double Seconds(Match match) =>
        (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 60)
        + double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);

    // "0m0.213s" (bash) or "0m0.213000s" (dash).
    [GeneratedRegex(@"(\d+)m([\d.]+)s")]
    private static partial Regex ShellTime();
}
