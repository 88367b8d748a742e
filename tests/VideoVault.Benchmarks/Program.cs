using VideoVault.Benchmarks;
using VideoVault.Benchmarks.Catalog;
using VideoVault.Benchmarks.Concurrency;
using VideoVault.Benchmarks.Mirror;
using VideoVault.Benchmarks.Reporting;

// Ingest benchmark: posts a large multipart upload to the sample host and compares it with nginx writing the same
// request body to disk, and sends the same payload through the host's tus endpoints (one PATCH, and PATCHes of a
// client's chunk size). Prints throughput, the ratios to nginx and to the multipart endpoint, server CPU and the
// host's peak RSS growth. Not a test: run it by hand (see the README's Performance section) on an otherwise idle machine.
// `catalog`, `concurrency` or `mirror` as the first argument runs that suite instead and prints its figures as a table.
var suite = args is [var first, ..] && !first.StartsWith("--", StringComparison.Ordinal) ? first : null;
var settings = BenchmarkSettings.Parse(suite is null ? args : args[1..]);
if (settings is null || suite is not (null or "catalog" or "concurrency" or "mirror"))
{
    Console.Error.WriteLine(BenchmarkSettings.Usage);
    return 2;
}

try
{
    if (suite is null)
    {
        return await IngestBenchmark.RunAsync(settings).ConfigureAwait(false);
    }

    var report = new BenchmarkReport();
    report.AddRange(suite switch
    {
        "catalog" => await CatalogBenchmark.RunAsync(settings, CancellationToken.None).ConfigureAwait(false),
        "concurrency" => await ConcurrencyBenchmark.RunAsync(settings, CancellationToken.None).ConfigureAwait(false),
        _ => await MirrorBenchmark.RunAsync(settings, CancellationToken.None).ConfigureAwait(false),
    });
    Console.WriteLine();
    Console.WriteLine(report.ToMarkdown());
    return 0;
}
catch (BenchmarkException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
finally
{
    // Each suite removes its own folder; the work directory goes once they left it empty.
    if (suite is not null && Directory.Exists(settings.WorkDirectory) && !Directory.EnumerateFileSystemEntries(settings.WorkDirectory).Any())
    {
        Directory.Delete(settings.WorkDirectory);
    }
}
