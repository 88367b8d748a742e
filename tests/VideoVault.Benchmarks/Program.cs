using VideoVault.Benchmarks;

// Ingest benchmark: posts a large multipart upload to the sample host and compares it with nginx writing the same
// request body to disk, and sends the same payload through the host's tus endpoints (one PATCH, and PATCHes of a
// client's chunk size). Prints throughput, the ratios to nginx and to the multipart endpoint, server CPU and the
// host's peak RSS growth. Not a test: run it by hand (see the README's Performance section) on an otherwise idle machine.
var settings = BenchmarkSettings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine(BenchmarkSettings.Usage);
    return 2;
}

try
{
    return await IngestBenchmark.RunAsync(settings).ConfigureAwait(false);
}
catch (BenchmarkException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
