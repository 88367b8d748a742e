namespace VideoVault.Benchmarks;

/// <summary>Posts a file as <c>multipart/form-data</c> with curl, the same client for every server.</summary>
internal static class CurlUpload
{
    /// <summary>
    /// Posts <paramref name="file"/> to <paramref name="url"/>; returns curl's own total time and the CPU time curl
    /// used (the client shares the machine's cores with the server, so its cost is part of the picture). The answer's
    /// body goes to <paramref name="responseFile"/> when given (the stored video's JSON), else nowhere.
    /// </summary>
    public static async Task<ClientRun> PostAsync(Uri url, string file, CancellationToken cancellationToken, string? responseFile = null)
    {
        var (transfers, cpu) = await CurlRun.RunAsync(
            [
                "--silent", "--show-error", "--fail-with-body", "-o", responseFile ?? "/dev/null",
                "-w", $"%{{http_code}}{CurlRun.Separator}%{{time_total}}\\n",
                "-H", "Expect:",
                "-F", "content_type=Benchmark",
                "-F", $"video=@{file};type=video/mp4",
                url.ToString(),
            ],
            $"upload to {url}",
            cancellationToken).ConfigureAwait(false);
        if (transfers is not [[("200" or "201"), var time]])
        {
            throw new BenchmarkException($"upload to {url} failed: {string.Join(" / ", transfers.Select(t => string.Join(CurlRun.Separator, t)))}");
        }

        return new ClientRun(CurlRun.ParseSeconds(time), cpu);
    }
}
