using VideoVault.Benchmarks;

// Ingest benchmark: posts a large multipart upload to the sample host and compares it with nginx writing the same
// request body to disk. Prints throughput, the ratio to nginx and the host's peak RSS growth. Not a test: run it by
// hand (see the README's Performance section) on an otherwise idle machine.
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
