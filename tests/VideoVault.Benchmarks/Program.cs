using System.Globalization;
using VideoVault.Benchmarks;
using VideoVault.Benchmarks.Catalog;
using VideoVault.Benchmarks.Concurrency;
using VideoVault.Benchmarks.Download;
using VideoVault.Benchmarks.Mirror;
using VideoVault.Benchmarks.Reporting;
using VideoVault.Benchmarks.Restore;

// The benchmark program (not a test; ./bench.sh builds and runs it): runs the catalog, ingest, concurrency, mirror,
// restore and download suites, or the one named, then prints every figure beside its target and its peer as one
// Markdown table, with the machine it was measured on. Run it on an otherwise idle machine; the README's Performance section says how.
// Figures are printed the same way whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is [FormFilePeer.Mode, .. var peerArgs])
{
    // The ingest suite starts this same program as its ASP.NET Core IFormFile peer.
    return await FormFilePeer.RunHostAsync(peerArgs).ConfigureAwait(false);
}

if (args is ["--help" or "-h", ..])
{
    Console.WriteLine(BenchmarkSettings.Usage);
    return 0;
}

if (!BenchmarkSettings.TryParse(args, out var settings, out var error) || settings is null)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(BenchmarkSettings.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var report = new BenchmarkReport();
var failures = new List<string>();
Directory.CreateDirectory(settings.WorkDirectory);
try
{
    var machineBefore = await MachineDescription.MeasureAsync(settings.WorkDirectory, cancellation.Token).ConfigureAwait(false);
    Console.WriteLine($"VideoVault benchmark: {string.Join(", ", settings.Suites).ToLowerInvariant()}; {settings.Runs} measured run(s) of each figure, each after a warm-up");
    Console.WriteLine($"machine: {machineBefore}");
    foreach (var suite in settings.Suites)
    {
        Console.WriteLine();
        Console.WriteLine($"== {suite.ToString().ToLowerInvariant()} ==");
        try
        {
            report.AddRange(await RunSuiteAsync(suite, settings, cancellation.Token).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is BenchmarkException or NotImplementedException)
        {
            // One suite that cannot run (a missing tool, a failed upload) does not hide the figures of the others.
            failures.Add($"{suite.ToString().ToLowerInvariant()}: {ex.Message}");
            Console.Error.WriteLine($"error: the {suite.ToString().ToLowerInvariant()} suite stopped: {ex.Message}");
        }
    }

    var machineAfter = await MachineDescription.MeasureAsync(settings.WorkDirectory, cancellation.Token).ConfigureAwait(false);
    Console.WriteLine();
    Console.WriteLine("== report ==");
    Console.WriteLine($"machine before the suites: {machineBefore}");
    Console.WriteLine($"machine after the suites:  {machineAfter}");
    Console.WriteLine();
    Console.Write(report.ToMarkdown());
    foreach (var failure in failures)
    {
        Console.WriteLine($"not measured: {failure}");
    }

    return failures.Count == 0 ? 0 : 1;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
catch (BenchmarkException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
finally
{
    try
    {
        Directory.Delete(settings.WorkDirectory, recursive: true);
    }
    catch (IOException)
    {
    }
}

static Task<IReadOnlyList<BenchmarkFigure>> RunSuiteAsync(BenchmarkSuite suite, BenchmarkSettings settings, CancellationToken cancellationToken) =>
    suite switch
    {
        BenchmarkSuite.Catalog => CatalogBenchmark.RunAsync(settings, cancellationToken),
        BenchmarkSuite.Ingest => IngestBenchmark.RunAsync(settings, cancellationToken),
        BenchmarkSuite.Concurrency => ConcurrencyBenchmark.RunAsync(settings, cancellationToken),
        BenchmarkSuite.Mirror => MirrorBenchmark.RunAsync(settings, cancellationToken),
        BenchmarkSuite.Restore => RestoreBenchmark.RunAsync(settings, cancellationToken),
        BenchmarkSuite.Download => DownloadBenchmark.RunAsync(settings, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(suite), suite, "not a suite"),
    };
