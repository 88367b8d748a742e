namespace VideoVault.Benchmarks;

/// <summary>Command-line settings of the benchmark.</summary>
internal sealed record BenchmarkSettings(
    long ThroughputBytes,
    long MemoryBytes,
    int Runs,
    bool SkipNginx,
    bool SkipTus,
    long TusPieceBytes,
    string HostAssembly,
    string WorkDirectory)
{
    public const string Usage =
        "usage: VideoVault.Benchmarks [--size-mib 1024] [--memory-size-mib 4096] [--runs 3] [--skip-nginx] [--skip-tus] [--tus-only] [--tus-piece-mib 8] [--host PATH-TO-VideoVault.SampleHost.dll] [--work-dir DIR]\n" +
        "  --tus-only: only the multipart endpoint and tus (one PATCH, and PATCHes of --tus-piece-mib), no nginx\n" +
        "  --skip-tus: only nginx and the multipart endpoint\n" +
        "  catalog: [--catalog-videos 1000000] [--catalog-requests 200] [--startup-runs 3]\n" +
        "  concurrency: [--clients 16] [--concurrency-mib 256] [--runs 3]\n" +
        "  mirror: [--mirror-mib 256] [--mirror-queue 1,10,100] [--mirror-queue-mib 8] [--runs 3]";

    private const long MiB = 1024 * 1024;

    /// <summary>catalog: the videos in the big catalog (the floor has 100).</summary>
    public int CatalogVideos { get; init; } = 1_000_000;

    /// <summary>catalog: timed requests of each kind per host (fewer when a kind takes over 30 s).</summary>
    public int CatalogRequests { get; init; } = 200;

    /// <summary>catalog: timed host starts per catalog, after one untimed.</summary>
    public int StartupRuns { get; init; } = 3;

    /// <summary>concurrency: uploads at once.</summary>
    public int ConcurrencyClients { get; init; } = 16;

    /// <summary>concurrency: the size of each upload.</summary>
    public long ConcurrencyBytes { get; init; } = 256 * MiB;

    /// <summary>mirror: the size of the video mirrored against a plain PUT.</summary>
    public long MirrorBytes { get; init; } = 256 * MiB;

    /// <summary>mirror: how many videos are queued at once, one measurement each.</summary>
    public IReadOnlyList<int> MirrorQueueLengths { get; init; } = [1, 10, 100];

    /// <summary>mirror: the size of each queued video.</summary>
    public long MirrorQueueBytes { get; init; } = 8 * MiB;

    public static BenchmarkSettings? Parse(string[] args)
    {
        long size = 1024 * MiB, memory = 4096 * MiB, piece = 8 * MiB;
        int runs = 3;
        bool skipNginx = false, skipTus = false, tusOnly = false;
        string? host = null, work = null;
        var suites = new BenchmarkSettings(0, 0, 0, false, false, 0, "", "");
        for (int i = 0; i < args.Length; i++)
        {
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--size-mib" when long.TryParse(Next(), out var s) && s > 0: size = s * MiB; break;
                case "--memory-size-mib" when long.TryParse(Next(), out var m) && m >= 0: memory = m * MiB; break;
                case "--runs" when int.TryParse(Next(), out var r) && r > 0: runs = r; break;
                case "--skip-nginx": skipNginx = true; break;
                case "--skip-tus": skipTus = true; break;
                case "--tus-only": tusOnly = true; break;
                case "--tus-piece-mib" when long.TryParse(Next(), out var p) && p > 0: piece = p * MiB; break;
                case "--host": host = Next(); break;
                case "--work-dir": work = Next(); break;
                case "--catalog-videos" when int.TryParse(Next(), out var v) && v >= 100: suites = suites with { CatalogVideos = v }; break;
                case "--catalog-requests" when int.TryParse(Next(), out var q) && q > 0: suites = suites with { CatalogRequests = q }; break;
                case "--startup-runs" when int.TryParse(Next(), out var u) && u > 0: suites = suites with { StartupRuns = u }; break;
                case "--clients" when int.TryParse(Next(), out var c) && c > 1: suites = suites with { ConcurrencyClients = c }; break;
                case "--concurrency-mib" when long.TryParse(Next(), out var cm) && cm > 0: suites = suites with { ConcurrencyBytes = cm * MiB }; break;
                case "--mirror-mib" when long.TryParse(Next(), out var mm) && mm > 0: suites = suites with { MirrorBytes = mm * MiB }; break;
                case "--mirror-queue-mib" when long.TryParse(Next(), out var qm) && qm > 0: suites = suites with { MirrorQueueBytes = qm * MiB }; break;
                case "--mirror-queue" when Next()?.Split(',') is { } lengths && lengths.All(l => int.TryParse(l, out var n) && n > 0):
                    suites = suites with { MirrorQueueLengths = [.. lengths.Select(l => int.Parse(l, System.Globalization.CultureInfo.InvariantCulture))] };
                    break;
                default: return null;
            }
        }

        host ??= FindSampleHost();
        if (host is null)
        {
            return null;
        }

        work ??= Path.Combine(Path.GetTempPath(), $"videovault-bench-{Environment.ProcessId}");
        if (tusOnly && skipTus)
        {
            return null;
        }

        return suites with
        {
            ThroughputBytes = size,
            MemoryBytes = memory,
            Runs = runs,
            SkipNginx = skipNginx || tusOnly,
            SkipTus = skipTus,
            TusPieceBytes = piece,
            HostAssembly = Path.GetFullPath(host),
            WorkDirectory = Path.GetFullPath(work),
        };
    }

    /// <summary>The Release build of the sample host, found from the repository root.</summary>
    private static string? FindSampleHost()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VideoVault.Core.sln")))
            {
                var dll = Path.Combine(dir.FullName, "samples", "VideoVault.SampleHost", "bin", "Release", "net10.0", "VideoVault.SampleHost.dll");
                return File.Exists(dll) ? dll : null;
            }
        }

        return null;
    }
}
