namespace VideoVault.Benchmarks;

/// <summary>A benchmark that cannot run (missing tool, failed upload); printed as one line.</summary>
internal sealed class BenchmarkException(string message) : Exception(message);
