using VideoVault.Benchmarks.Reporting;

namespace VideoVault.Benchmarks;

/// <summary>The concurrency suite: many uploads at once: aggregate throughput against one, peak RSS growth, every file's SHA-256. A stand-in until the concurrency helper's suite is merged.</summary>
internal static class ConcurrencyBenchmark
{
    public static Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken) =>
        throw new NotImplementedException("written by the concurrency helper");
}
