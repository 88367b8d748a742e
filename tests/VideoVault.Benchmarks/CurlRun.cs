using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>
/// Runs one curl process (see <see cref="TimedCommand"/>) and returns what its <c>--write-out</c> printed, one line per
/// transfer split at <see cref="Separator"/>, and the CPU time curl used. Every HTTP client of the benchmark except
/// tus-js-client is curl started this way, so the client side costs the same for every server.
/// </summary>
internal static class CurlRun
{
    /// <summary>Field separator for <c>--write-out</c> formats: a header curl did not receive prints as nothing.</summary>
    public const char Separator = '|';

    public static async Task<(IReadOnlyList<string[]> Transfers, CpuTime Cpu)> RunAsync(
        IEnumerable<string> curlArguments, string what, CancellationToken cancellationToken)
    {
        var (lines, _, cpu) = await TimedCommand.RunAsync("curl", curlArguments, what, cancellationToken).ConfigureAwait(false);
        return (lines.Select(line => line.Split(Separator)).ToList(), cpu);
    }

    public static TimeSpan ParseSeconds(string seconds) =>
        TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
}
