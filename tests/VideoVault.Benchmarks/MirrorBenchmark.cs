using VideoVault.Benchmarks.Reporting;

namespace VideoVault.Benchmarks;

/// <summary>The mirror suite: mirroring to the fake Drive against a plain HTTP PUT of the same bytes, and how it grows with the queue. A stand-in until the mirror helper's suite is merged.</summary>
internal static class MirrorBenchmark
{
    public static Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken) =>
        throw new NotImplementedException("written by the mirror helper");
}
