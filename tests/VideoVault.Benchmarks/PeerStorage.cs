namespace VideoVault.Benchmarks;

/// <summary>
/// What a peer stored: after each upload the benchmark checks that the peer's directory holds the upload (its largest
/// file has the payload's size, or at least that for nginx, which keeps the whole multipart body), then empties it
/// outside the timed span, so the peers do not fill the disk. Deleting also drops pages the kernel had not written
/// back yet, so the next upload does not share the disk with them: if anything, that favours the peers.
/// </summary>
internal static class PeerStorage
{
    public static void CheckAndEmpty(string directory, long payloadBytes, bool holdsWholeBody)
    {
        var files = new DirectoryInfo(directory).GetFiles();
        var largest = files.MaxBy(file => file.Length);
        if (largest is null || (holdsWholeBody ? largest.Length < payloadBytes : largest.Length != payloadBytes))
        {
            throw new BenchmarkException(
                $"the peer storing into {directory} did not keep the upload: {(largest is null ? "no file" : $"its largest file has {largest.Length} bytes")}, the payload {payloadBytes}");
        }

        foreach (var file in files)
        {
            file.Delete();
        }
    }
}
