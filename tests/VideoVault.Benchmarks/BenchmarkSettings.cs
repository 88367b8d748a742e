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
        "  --skip-tus: only nginx and the multipart endpoint";

    private const long MiB = 1024 * 1024;

    public static BenchmarkSettings? Parse(string[] args)
    {
        long size = 1024 * MiB, memory = 4096 * MiB, piece = 8 * MiB;
        int runs = 3;
        bool skipNginx = false, skipTus = false, tusOnly = false;
        string? host = null, work = null;
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

        return new BenchmarkSettings(size, memory, runs, skipNginx || tusOnly, skipTus, piece, Path.GetFullPath(host), Path.GetFullPath(work));
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
