namespace VideoVault.Benchmarks;

/// <summary>The suites of the benchmark, in the order <c>all</c> runs them.</summary>
internal enum BenchmarkSuite
{
    /// <summary>Requests against a manifest of a million videos, and start-up time.</summary>
    Catalog,

    /// <summary>One upload at a time against the machine's limit and against peers.</summary>
    Ingest,

    /// <summary>Many uploads at once: aggregate throughput, memory, nothing lost or mixed up.</summary>
    Concurrency,

    /// <summary>Mirroring to the fake Drive against a plain HTTP PUT of the same bytes.</summary>
    Mirror,

    /// <summary>Restoring a video from the fake Drive against a plain HTTP GET of the same bytes into a file.</summary>
    Restore,

    /// <summary>Downloading a stored video against nginx sending the same file with sendfile.</summary>
    Download,
}
