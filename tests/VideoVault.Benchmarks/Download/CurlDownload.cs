namespace VideoVault.Benchmarks.Download;

/// <summary>Downloads a URL into <c>/dev/null</c> with curl, the same client for every server.</summary>
internal static class CurlDownload
{
    /// <summary>
    /// GETs <paramref name="url"/>; returns curl's own total time and the CPU time curl used. Fails unless the answer is
    /// a 200 of exactly <paramref name="expectedBytes"/>.
    /// </summary>
    public static async Task<ClientRun> GetAsync(Uri url, long expectedBytes, CancellationToken cancellationToken)
    {
        var (transfers, cpu) = await CurlRun.RunAsync(
            [
                "--silent", "--show-error", "--fail", "--noproxy", "*", "-o", "/dev/null",
                "-w", $"%{{http_code}}{CurlRun.Separator}%{{time_total}}{CurlRun.Separator}%{{size_download}}\\n",
                url.ToString(),
            ],
            $"download of {url}",
            cancellationToken).ConfigureAwait(false);
        if (transfers is not [["200", var time, var size]] || size != expectedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new BenchmarkException($"download of {url} failed: {string.Join(" / ", transfers.Select(t => string.Join(CurlRun.Separator, t)))} (expected 200 and {expectedBytes} bytes)");
        }

        return new ClientRun(CurlRun.ParseSeconds(time), cpu);
    }
}
