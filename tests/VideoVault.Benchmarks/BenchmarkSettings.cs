using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>Command-line settings of the benchmark: which suites run, and the options of each.</summary>
/// <param name="Suites">The suites to run, in order.</param>
/// <param name="Runs">Measured repetitions of each figure (each after a warm-up).</param>
/// <param name="ThroughputBytes">The ingest payload's size.</param>
/// <param name="MemoryBytes">The size of the ingest suite's single large upload for the host's RSS (0: skipped).</param>
/// <param name="TusPieceBytes">The chunk size of the tus clients that send an upload in pieces.</param>
/// <param name="SkippedIngestParts">Parts of the ingest suite left out (<see cref="IngestParts"/>).</param>
/// <param name="HostAssembly">The Release build of <c>VideoVault.SampleHost.dll</c>.</param>
/// <param name="RepositoryRoot">The repository, for the peers' scripts under <c>tests/node</c> and <c>tests/python</c>.</param>
/// <param name="WorkDirectory">A fresh scratch directory for payloads, stores and peers' files (deleted at the end), on the disk measured.</param>
internal sealed record BenchmarkSettings(
    IReadOnlyList<BenchmarkSuite> Suites,
    int Runs,
    long ThroughputBytes,
    long MemoryBytes,
    long TusPieceBytes,
    IReadOnlySet<string> SkippedIngestParts,
    string HostAssembly,
    string RepositoryRoot,
    string WorkDirectory)
{
    /// <summary>The parts of the ingest suite that <c>--skip</c> can leave out.</summary>
    public static readonly IReadOnlyList<string> IngestParts = ["limit", "nginx", "iformfile", "flask", "tus-curl", "tus-js"];

    public const string Usage =
        """
        usage: VideoVault.Benchmarks [all|catalog|ingest|concurrency|mirror|restore|download] [options]    (./bench.sh passes them on)
          all (the default) runs catalog, ingest, concurrency, mirror, restore and download in that order, then prints
          every figure beside its target and its peer, and the machine it ran on.
        options:
          --runs N               measured runs of each figure, each after a warm-up (default 3)
          --host PATH            VideoVault.SampleHost.dll (default: the Release build in this repository)
          --work-dir DIR         where the scratch directory goes (payloads, stores, peers' files; deleted at the end):
                                 on the disk to measure (default: /tmp)
        ingest:
          --size-mib N           payload of each upload (default 1024)
          --memory-size-mib N    one more upload of this size each way, the host's peak RSS reset before it
                                 (default 4 x --size-mib; 0: none)
          --tus-piece-mib N      chunk size of the chunked tus uploads (default 8)
          --skip PART[,PART]     leave out: limit, nginx, iformfile, flask, tus-curl, tus-js
        catalog:
          --catalog-videos N     videos in the big catalog; the floor has 100 (default 1000000)
          --catalog-requests N   timed requests of each kind per host, fewer if a kind takes over 30 s (default 200)
          --startup-runs N       timed host starts per catalog, after an untimed one (default 3)
        concurrency:
          --clients N            uploads at once (default 16)
          --concurrency-mib N    size of each upload (default 256)
        mirror:
          --mirror-mib N         the video mirrored against a plain PUT (default 256)
          --mirror-queue N[,N]   queue lengths, one measurement each (default 1,10,100)
          --mirror-queue-mib N   size of each queued video (default 8)
        restore:
          --restore-mib N        the video restored from the fake Drive against a plain GET (default 1024)
        download:
          --download-mib N       the video downloaded from the host and from nginx (sendfile on) (default 1024)
        """;

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

    /// <summary>restore: the size of the video restored against a plain GET.</summary>
    public long RestoreBytes { get; init; } = 1024 * MiB;

    /// <summary>download: the size of the video downloaded from the host and from nginx.</summary>
    public long DownloadBytes { get; init; } = 1024 * MiB;

    /// <summary>Reads the command line; false with a message when it cannot be used.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out BenchmarkSettings? settings, out string error)
    {
        settings = null;
        error = "";
        var suites = Enum.GetValues<BenchmarkSuite>().ToList();
        long size = 1024 * MiB, piece = 8 * MiB;
        long? memory = null;
        int runs = 3;
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        string? host = null, work = null;
        int catalogVideos = 1_000_000, catalogRequests = 200, startupRuns = 3, clients = 16;
        long concurrencyBytes = 256 * MiB, mirrorBytes = 256 * MiB, queueBytes = 8 * MiB, restoreBytes = 1024 * MiB, downloadBytes = 1024 * MiB;
        IReadOnlyList<int> queueLengths = [1, 10, 100];
        var first = 0;
        if (args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            first = 1;
            if (args[0] != "all")
            {
                if (!Enum.TryParse<BenchmarkSuite>(args[0], ignoreCase: true, out var suite) || !char.IsLetter(args[0][0]))
                {
                    error = $"unknown suite '{args[0]}'";
                    return false;
                }

                suites = [suite];
            }
        }

        for (int i = first; i < args.Count; i++)
        {
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (args[i])
            {
                case "--size-mib" when long.TryParse(Next(), CultureInfo.InvariantCulture, out var s) && s > 0: size = s * MiB; break;
                case "--memory-size-mib" when long.TryParse(Next(), CultureInfo.InvariantCulture, out var m) && m >= 0: memory = m * MiB; break;
                case "--runs" when int.TryParse(Next(), CultureInfo.InvariantCulture, out var r) && r > 0: runs = r; break;
                case "--tus-piece-mib" when long.TryParse(Next(), CultureInfo.InvariantCulture, out var p) && p > 0: piece = p * MiB; break;
                case "--skip" when Next() is { } parts:
                    foreach (var part in parts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!IngestParts.Contains(part))
                        {
                            error = $"--skip {part}: not a part of the ingest suite ({string.Join(", ", IngestParts)})";
                            return false;
                        }

                        skipped.Add(part);
                    }

                    break;
                case "--host" when Next() is { } h: host = h; break;
                case "--work-dir" when Next() is { } w: work = w; break;
                case "--catalog-videos" when int.TryParse(Next(), CultureInfo.InvariantCulture, out var v) && v >= 100: catalogVideos = v; break;
                case "--catalog-requests" when int.TryParse(Next(), CultureInfo.InvariantCulture, out var q) && q > 0: catalogRequests = q; break;
                case "--startup-runs" when int.TryParse(Next(), CultureInfo.InvariantCulture, out var u) && u > 0: startupRuns = u; break;
                case "--clients" when int.TryParse(Next(), CultureInfo.InvariantCulture, out var c) && c > 1: clients = c; break;
                case "--concurrency-mib" when long.TryParse(Next(), CultureInfo.InvariantCulture, out var cm) && cm > 0: concurrencyBytes = cm * MiB; break;
                case "--mirror-mib" when long.TryParse(Next(), CultureInfo.InvariantCulture, out var mm) && mm > 0: mirrorBytes = mm * MiB; break;
                case "--mirror-queue-mib" when long.TryParse(Next(), CultureInfo.InvariantCulture, out var qm) && qm > 0: queueBytes = qm * MiB; break;
                case "--restore-mib" when long.TryParse(Next(), CultureInfo.InvariantCulture, out var rm) && rm > 0 && rm < 2048: restoreBytes = rm * MiB; break;
                case "--download-mib" when long.TryParse(Next(), CultureInfo.InvariantCulture, out var dm) && dm > 0: downloadBytes = dm * MiB; break;
                case "--mirror-queue" when Next()?.Split(',') is { } lengths && lengths.All(l => int.TryParse(l, CultureInfo.InvariantCulture, out var n) && n > 0):
                    queueLengths = [.. lengths.Select(l => int.Parse(l, CultureInfo.InvariantCulture))];
                    break;
                default:
                    error = $"unknown option or missing value: {args[i]}";
                    return false;
            }
        }

        var root = FindRepositoryRoot();
        if (root is null)
        {
            error = $"the repository (VideoVault.Core.sln) was not found above {AppContext.BaseDirectory}";
            return false;
        }

        host ??= Path.Combine(root, "samples", "VideoVault.SampleHost", "bin", "Release", "net10.0", "VideoVault.SampleHost.dll");
        if (!File.Exists(host))
        {
            error = $"{host} does not exist: build it with `dotnet build -c Release samples/VideoVault.SampleHost` (./bench.sh does), or pass --host";
            return false;
        }

        // Always a fresh directory of our own, since it is deleted at the end: inside --work-dir, not the directory itself.
        work = Path.Combine(work ?? Path.GetTempPath(), $"videovault-bench-{Environment.ProcessId}");
        settings = new BenchmarkSettings(suites, runs, size, memory ?? 4 * size, piece, skipped, Path.GetFullPath(host), root, Path.GetFullPath(work))
        {
            CatalogVideos = catalogVideos,
            CatalogRequests = catalogRequests,
            StartupRuns = startupRuns,
            ConcurrencyClients = clients,
            ConcurrencyBytes = concurrencyBytes,
            MirrorBytes = mirrorBytes,
            MirrorQueueLengths = queueLengths,
            MirrorQueueBytes = queueBytes,
            RestoreBytes = restoreBytes,
            DownloadBytes = downloadBytes,
        };
        return true;
    }

    /// <summary>Whether the ingest suite runs <paramref name="part"/> (one of <see cref="IngestParts"/>).</summary>
    public bool RunsIngestPart(string part) => !SkippedIngestParts.Contains(part);

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VideoVault.Core.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
