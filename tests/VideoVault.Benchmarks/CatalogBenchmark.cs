using VideoVault.Benchmarks.Reporting;

namespace VideoVault.Benchmarks;

/// <summary>The catalog suite: requests against a manifest of a million videos over HTTP on loopback, and start-up time. A stand-in until the catalog helper's suite is merged.</summary>
internal static class CatalogBenchmark
{
    public static Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken) =>
        throw new NotImplementedException("written by the catalog helper");
}
