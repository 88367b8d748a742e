namespace VideoVault.Benchmarks;

/// <summary>
/// The limit of storing an upload on this machine, from two commands run on the same bytes: writing them with
/// <c>dd oflag=direct conv=fsync</c> (the disk, with nothing cached) and hashing them with <c>openssl dgst -sha256</c>
/// (one thread; coreutils' <c>sha256sum</c> has no SHA-NI path here and is 5x slower). A pipeline that overlapped
/// receiving, hashing and writing perfectly would run at the pace of the slower of the two, so that bounds any server
/// that hashes and makes durable what it stores, whatever it does besides. Both read the payload from the page cache,
/// as the clients do. The time is the command's wall time, its start included (a few milliseconds).
/// </summary>
internal static class IngestLimit
{
    /// <summary>Writes <paramref name="payload"/> to <paramref name="target"/> with <c>O_DIRECT</c> in 1 MiB blocks, then fsyncs it.</summary>
    public static async Task<CompletedUpload> WriteDirectAsync(string payload, string target, CancellationToken cancellationToken)
    {
        var (_, elapsed, cpu) = await TimedCommand.RunAsync(
            "dd", [$"if={payload}", $"of={target}", "bs=1M", "oflag=direct", "conv=fsync", "status=none"],
            "dd oflag=direct conv=fsync", cancellationToken).ConfigureAwait(false);
        return new CompletedUpload(new ClientRun(elapsed, cpu));
    }

    /// <summary>Hashes <paramref name="payload"/>; fails unless the digest is <paramref name="sha256"/>.</summary>
    public static async Task<CompletedUpload> HashAsync(string payload, string sha256, CancellationToken cancellationToken)
    {
        var (lines, elapsed, cpu) = await TimedCommand.RunAsync(
            "openssl", ["dgst", "-sha256", "-r", payload], "openssl dgst -sha256", cancellationToken).ConfigureAwait(false);

        // -r prints "<hex> *<file>".
        if (lines is not [var line] || !line.StartsWith(sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BenchmarkException($"openssl dgst -sha256 printed {string.Join(" / ", lines)}, not the payload's SHA-256 {sha256}");
        }

        return new CompletedUpload(new ClientRun(elapsed, cpu));
    }
}
