using System.Globalization;
using VideoVault.Benchmarks.Reporting;

namespace VideoVault.Benchmarks;

/// <summary>
/// The ingest suite: one upload at a time of the same payload, against the machine's limit (<see cref="IngestLimit"/>)
/// and against what our users would run instead. Each run goes once through every target in turn, a warm-up upload
/// right before each measured one, so all see the same machine state:
/// <list type="number">
/// <item>the limit: <c>dd oflag=direct conv=fsync</c>, then <c>openssl dgst -sha256</c>;</item>
/// <item>with curl posting the same <c>multipart/form-data</c> body: nginx keeping the body (<see cref="NginxPeer"/>),
/// the ASP.NET Core documentation's IFormFile endpoint (<see cref="FormFilePeer"/>), the seed system's Flask endpoint
/// (<see cref="FlaskPeer"/>), and the sample host's <c>POST /api/upload-video</c>;</item>
/// <item>with curl through the host's tus endpoint: one PATCH, then PATCHes of the chunk size (against multipart);</item>
/// <item>with tus-js-client, one PATCH then PATCHes of the chunk size, to the host's tus endpoint and to
/// <c>@tus/server</c> with <c>@tus/file-store</c> (<see cref="TusServerPeer"/>).</item>
/// </list>
/// Then, with the host's peak RSS reset before each, one large upload each way. Each measured upload records the CPU
/// the server and its client spent and the server's peak RSS growth, which show where the two cores and the memory went.
/// </summary>
internal static class IngestBenchmark
{
    private const string Suite = "ingest";
    private const double MiB = 1024 * 1024;
    private const long RssBudgetBytes = 64L * 1024 * 1024;
    private const double LimitGoal = 0.85;
    private const double TusOnePatchGoal = 0.9;
    private const double TusPiecesGoal = 0.75;

    public static async Task<IReadOnlyList<BenchmarkFigure>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var work = Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, "ingest")).FullName;
        try
        {
            return await MeasureAsync(settings, work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<IReadOnlyList<BenchmarkFigure>> MeasureAsync(BenchmarkSettings settings, string work, CancellationToken cancellationToken)
    {
        var size = settings.ThroughputBytes;
        var pieceMiB = settings.TusPieceBytes / MiB;
        var skipped = BenchmarkSettings.IngestParts.Where(part => !settings.RunsIngestPart(part)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"payload {size / MiB:0} MiB x {settings.Runs} runs (each after a warm-up); tus pieces of {pieceMiB:0} MiB; memory run {settings.MemoryBytes / MiB:0} MiB{(skipped.Count > 0 ? $"; skipped: {string.Join(", ", skipped)}" : "")}"));
        Console.WriteLine("nginx keeps each body (client_body_in_file_only on): with `clean` it unlinks the body before the kernel writes it back, so nothing reaches the disk and the next upload reuses the same cache pages; that is no peer for a store.");

        var payload = Payload.Create(work, size);
        var sha256 = Payload.Sha256(payload);
        IReadOnlyList<string> pieces = settings.RunsIngestPart("tus-curl") ? Payload.Split(payload, settings.TusPieceBytes) : [];
        var maxFileSize = Math.Max(size, settings.MemoryBytes) + (64L << 20);

        var limitDirectory = Directory.CreateDirectory(Path.Combine(work, "limit")).FullName;
        var nginxDirectory = Path.Combine(work, "nginx");
        var formFileDirectory = Path.Combine(work, "iformfile");
        var flaskDirectory = Path.Combine(work, "flask");
        var tusServerDirectory = Path.Combine(work, "tus-server");

        await using var host = await SampleHost.StartAsync(settings.HostAssembly, work, maxFileSize).ConfigureAwait(false);
        await using var nginx = settings.RunsIngestPart("nginx") ? await NginxPeer.StartAsync(nginxDirectory).ConfigureAwait(false) : null;
        await using var formFile = settings.RunsIngestPart("iformfile") ? await FormFilePeer.StartAsync(formFileDirectory).ConfigureAwait(false) : null;
        await using var flask = settings.RunsIngestPart("flask") ? await FlaskPeer.StartAsync(settings.RepositoryRoot, flaskDirectory).ConfigureAwait(false) : null;
        await using var tusServer = settings.RunsIngestPart("tus-js") ? await TusServerPeer.StartAsync(settings.RepositoryRoot, tusServerDirectory, maxFileSize).ConfigureAwait(false) : null;

        using var http = new HttpClient();
        var api = new Uri(host.BaseUri, "api/");
        var multipartUrl = new Uri(api, "upload-video");
        var tusUrl = new Uri(api, "uploads");
        var listUrl = new Uri(api, "videos/list");

        Task Listed(CompletedUpload done, long bytes, string hash, CancellationToken token) =>
            done.VideoId is { } id
                ? VideoListing.RequireAsync(http, listUrl, id, bytes, hash, token)
                : throw new BenchmarkException("the tus upload's last answer named no video (VideoVault-Video-Id)");

        Func<CompletedUpload, CancellationToken, Task> Kept(string directory, bool holdsWholeBody) => (_, _) =>
        {
            PeerStorage.CheckAndEmpty(directory, size, holdsWholeBody);
            return Task.CompletedTask;
        };

        static Task Nothing(CompletedUpload done, CancellationToken token) => Task.CompletedTask;

        var dd = new IngestTarget("the limit: dd oflag=direct conv=fsync", null, false,
            token => IngestLimit.WriteDirectAsync(payload, Path.Combine(limitDirectory, "written"), token),
            (_, _) =>
            {
                File.Delete(Path.Combine(limitDirectory, "written"));
                return Task.CompletedTask;
            });
        var openssl = new IngestTarget("the limit: openssl dgst -sha256 (one thread)", null, false, token => IngestLimit.HashAsync(payload, sha256, token), Nothing);
        var nginxKeep = nginx is null ? null : new IngestTarget("nginx, body kept (client_body_in_file_only on, 1 MiB buffer; no hash, no fsync)", nginx, false,
            token => Multipart(new Uri(nginx.BaseUri, "upload"), payload, token), Kept(Path.Combine(nginxDirectory, "body"), holdsWholeBody: true));
        var formFilePeer = formFile is null ? null : new IngestTarget("ASP.NET Core IFormFile.CopyToAsync into a FileStream (no hash, no fsync)", formFile, true,
            token => Multipart(new Uri(formFile.BaseUri, "upload"), payload, token), Kept(formFileDirectory, holdsWholeBody: false));
        var flaskPeer = flask is null ? null : new IngestTarget("Flask: whole file in memory, temp file, move (no hash, no fsync)", flask, true,
            token => Multipart(new Uri(flask.BaseUri, "upload"), payload, token), Kept(flaskDirectory, holdsWholeBody: false));
        var vault = new IngestTarget("VideoVault multipart (SHA-256 while writing, fsync, rename, directory fsync, manifest commit)", host, true,
            token => Multipart(multipartUrl, payload, token), Nothing);
        var tusCurlOne = pieces.Count == 0 ? null : new IngestTarget("VideoVault tus, curl, one PATCH", host, true,
            token => TusUpload.UploadAsync(tusUrl, [payload], size, "benchmark.mp4", token), (done, token) => Listed(done, size, sha256, token));
        var tusCurlPieces = pieces.Count == 0 ? null : new IngestTarget($"VideoVault tus, curl, {pieceMiB:0} MiB PATCHes", host, true,
            token => TusUpload.UploadAsync(tusUrl, pieces, size, "benchmark.mp4", token), (done, token) => Listed(done, size, sha256, token));
        IngestTarget? vaultJsOne = null, peerJsOne = null, vaultJsPieces = null, peerJsPieces = null;
        if (tusServer is not null)
        {
            var peerUploads = new Uri(tusServer.BaseUri, "files");
            var peerKept = Kept(Path.Combine(tusServerDirectory, "files"), holdsWholeBody: false);
            IngestTarget TusJs(string name, ServerProcess server, Uri uploads, long chunk, Func<CompletedUpload, CancellationToken, Task> after) =>
                new(name, server, true, token => TusJsUpload.UploadAsync(settings.RepositoryRoot, uploads, payload, chunk, token), after);
            vaultJsOne = TusJs("VideoVault tus, tus-js-client, one PATCH", host, tusUrl, 0, (done, token) => Listed(done, size, sha256, token));
            peerJsOne = TusJs("@tus/server + @tus/file-store, tus-js-client, one PATCH (no hash, no fsync)", tusServer, peerUploads, 0, peerKept);
            vaultJsPieces = TusJs($"VideoVault tus, tus-js-client, {pieceMiB:0} MiB PATCHes", host, tusUrl, settings.TusPieceBytes, (done, token) => Listed(done, size, sha256, token));
            peerJsPieces = TusJs($"@tus/server + @tus/file-store, tus-js-client, {pieceMiB:0} MiB PATCHes", tusServer, peerUploads, settings.TusPieceBytes, peerKept);
        }

        var limit = settings.RunsIngestPart("limit") ? new[] { dd, openssl } : [];
        var targets = new List<IngestTarget>(
            [.. limit, .. new[] { nginxKeep, formFilePeer, flaskPeer, vault, tusCurlOne, tusCurlPieces, vaultJsOne, peerJsOne, vaultJsPieces, peerJsPieces }.OfType<IngestTarget>()]);

        for (var run = 1; run <= settings.Runs; run++)
        {
            foreach (var target in targets)
            {
                var (measurement, done) = await target.MeasureAsync(cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"  run {run}: {Describe(size, measurement, target.HasServer)}  {target.Name}{(done.Wire is null ? "" : $" ({done.Wire})")}");
            }
        }

        Console.WriteLine($"load average after the runs: {MachineDescription.ReadLoadAverage()}");
        Console.WriteLine("medians (CPU per upload: the server's, then the client's; the two cores are shared by both):");
        foreach (var target in targets)
        {
            Console.WriteLine($"  {Describe(size, target.Median(), target.HasServer)}  {target.Name}");
        }

        File.Delete(payload);
        DeletePieces(pieces);

        var figures = new List<BenchmarkFigure>();
        var vaultMiBs = MiBPerSecond(size, vault);
        if (limit.Length > 0)
        {
            // Run by run, the slower of the two commands: the pace of an ideal overlapped pipeline in that run.
            var bound = dd.Seconds.Zip(openssl.Seconds, Math.Max).ToList();
            figures.Add(Context("the limit: the payload written with dd oflag=direct conv=fsync", $"{MiBPerSecond(size, dd):0} MiB/s"));
            figures.Add(Context("the limit: SHA-256 of the payload, openssl dgst -sha256 (one thread)", $"{MiBPerSecond(size, openssl):0} MiB/s"));
            var ratio = SpeedRatio.Of(vault.Seconds, bound);
            figures.Add(Figure(
                "multipart upload / the limit (per run, the slower of dd and SHA-256)",
                $"{vaultMiBs:0} MiB/s, {ratio.Describe(r => r >= LimitGoal)}",
                $">= {LimitGoal:0.00}x",
                $"limit: {size / MiB / IngestTarget.Middle(bound):0} MiB/s",
                ratio.AtLeast(LimitGoal)));
        }

        AddFaster(figures, "multipart upload vs nginx keeping the body", vault, nginxKeep, "nginx, body kept", size);
        AddFaster(figures, "multipart upload vs ASP.NET Core IFormFile endpoint", vault, formFilePeer, "IFormFile.CopyToAsync", size);
        AddFaster(figures, "multipart upload vs Flask (the seed's approach)", vault, flaskPeer, "Flask", size);
        AddFaster(figures, "tus-js-client, one PATCH: VideoVault vs @tus/server", vaultJsOne, peerJsOne, "@tus/server + @tus/file-store", size);
        AddFaster(figures, $"tus-js-client, {pieceMiB:0} MiB PATCHes: VideoVault vs @tus/server", vaultJsPieces, peerJsPieces, "@tus/server + @tus/file-store", size);
        AddAgainstMultipart(figures, "tus one PATCH / multipart (curl)", tusCurlOne, vault, TusOnePatchGoal, size);
        AddAgainstMultipart(figures, $"tus {pieceMiB:0} MiB PATCHes / multipart (curl)", tusCurlPieces, vault, TusPiecesGoal, size);

        var vaultGrowth = vault.Median().RssGrowthBytes!.Value;
        var flaskGrowth = flaskPeer?.Median().RssGrowthBytes;
        figures.Add(Figure(
            $"server peak RSS growth over a {size / MiB:0} MiB multipart upload (median)",
            $"{vaultGrowth / MiB:0.0} MiB",
            $"flat: <= {RssBudgetBytes / MiB:0} MiB",
            flaskGrowth is { } grew ? $"Flask: {grew / MiB:0.0} MiB" : null,
            vaultGrowth <= RssBudgetBytes));

        if (settings.MemoryBytes > 0)
        {
            figures.AddRange(await MeasureMemoryAsync(settings, work, host, multipartUrl, tusUrl, (done, bytes, hash, token) => Listed(done, bytes, hash, token), cancellationToken).ConfigureAwait(false));
        }

        return figures;
    }

    /// <summary>
    /// One large upload each way with the host's peak RSS (VmHWM) reset before it: memory must not grow with the file.
    /// </summary>
    private static async Task<IReadOnlyList<BenchmarkFigure>> MeasureMemoryAsync(
        BenchmarkSettings settings,
        string work,
        ServerProcess host,
        Uri multipartUrl,
        Uri tusUrl,
        Func<CompletedUpload, long, string, CancellationToken, Task> listed,
        CancellationToken cancellationToken)
    {
        var size = settings.MemoryBytes;
        var withTus = settings.RunsIngestPart("tus-curl");
        Console.WriteLine();
        Console.WriteLine($"memory: host peak RSS (VmHWM) reset before each {size / MiB:0} MiB upload (budget {RssBudgetBytes / MiB:0} MiB of growth):");
        var big = Payload.Create(work, size);
        IReadOnlyList<string> bigPieces = withTus ? Payload.Split(big, settings.TusPieceBytes) : [];
        var bigSha256 = withTus ? Payload.Sha256(big) : "";
        var ways = new List<(string Name, Func<Task<CompletedUpload>> Upload)>
        {
            ("multipart", async () => new CompletedUpload(await CurlUpload.PostAsync(multipartUrl, big, cancellationToken).ConfigureAwait(false))),
        };
        if (withTus)
        {
            ways.Add(("tus one PATCH (curl)", () => TusUpload.UploadAsync(tusUrl, [big], size, "benchmark.mp4", cancellationToken)));
            ways.Add(($"tus {settings.TusPieceBytes / MiB:0} MiB PATCHes (curl)", () => TusUpload.UploadAsync(tusUrl, bigPieces, size, "benchmark.mp4", cancellationToken)));
        }

        var figures = new List<BenchmarkFigure>();
        foreach (var (name, upload) in ways)
        {
            ProcessMemory.ResetPeak(host.ProcessId);
            var before = ProcessMemory.CurrentBytes(host.ProcessId);
            var done = await upload().ConfigureAwait(false);
            var peak = ProcessMemory.PeakBytes(host.ProcessId);
            if (done.VideoId is not null)
            {
                await listed(done, size, bigSha256, cancellationToken).ConfigureAwait(false);
            }

            var growth = peak - before;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: {done.Client.Time.TotalSeconds:0.0} s; RSS before {before / MiB:0.0} MiB, peak {peak / MiB:0.0} MiB, growth {growth / MiB:0.0} MiB"));
            figures.Add(Figure($"host peak RSS growth over one {size / MiB:0} MiB upload, {name}", $"{growth / MiB:0.0} MiB", $"<= {RssBudgetBytes / MiB:0} MiB", null, growth <= RssBudgetBytes));
        }

        File.Delete(big);
        DeletePieces(bigPieces);
        return figures;
    }

    /// <summary>VideoVault's way against a peer's: the target is to be faster, whatever the peer leaves out.</summary>
    private static void AddFaster(List<BenchmarkFigure> figures, string name, IngestTarget? ours, IngestTarget? peer, string peerName, long size)
    {
        if (ours is null || peer is null)
        {
            return;
        }

        var ratio = SpeedRatio.Of(ours.Seconds, peer.Seconds);
        figures.Add(Figure(
            name,
            $"{MiBPerSecond(size, ours):0} MiB/s, {ratio.Describe(r => r > 1)}",
            "> 1.00x (faster)",
            string.Create(CultureInfo.InvariantCulture, $"{peerName}: {MiBPerSecond(size, peer):0} MiB/s{Growth(peer)}"),
            ratio.Above(1)));
    }

    /// <summary>A tus way against the multipart endpoint of the same host, with the same client (curl).</summary>
    private static void AddAgainstMultipart(List<BenchmarkFigure> figures, string name, IngestTarget? tus, IngestTarget multipart, double goal, long size)
    {
        if (tus is null)
        {
            return;
        }

        var ratio = SpeedRatio.Of(tus.Seconds, multipart.Seconds);
        figures.Add(Figure(
            name,
            $"{MiBPerSecond(size, tus):0} MiB/s, {ratio.Describe(r => r >= goal)}",
            string.Create(CultureInfo.InvariantCulture, $">= {goal:0.00}x"),
            $"VideoVault multipart: {MiBPerSecond(size, multipart):0} MiB/s",
            ratio.AtLeast(goal)));
    }

    private static string Growth(IngestTarget target) =>
        target.Median().RssGrowthBytes is { } growth ? string.Create(CultureInfo.InvariantCulture, $", RSS +{growth / MiB:0} MiB") : "";

    private static BenchmarkFigure Figure(string name, string value, string target, string? peer, bool met) =>
        new(Suite, name, value, target, peer, met);

    private static BenchmarkFigure Context(string name, string value) => new(Suite, name, value, "-", null, null);

    private static double MiBPerSecond(long bytes, IngestTarget target) => bytes / MiB / target.Median().Time.TotalSeconds;

    private static async Task<CompletedUpload> Multipart(Uri url, string file, CancellationToken cancellationToken) =>
        new(await CurlUpload.PostAsync(url, file, cancellationToken).ConfigureAwait(false));

    private static void DeletePieces(IReadOnlyList<string> pieces)
    {
        if (pieces.Count > 0)
        {
            Directory.Delete(Path.GetDirectoryName(pieces[0])!, recursive: true);
        }
    }

    private static string Describe(long bytes, IngestMeasurement m, bool hasServer) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{bytes / MiB / m.Time.TotalSeconds,5:0} MiB/s ({m.Time.TotalSeconds:0.00} s)  CPU {(hasServer ? $"server {m.ServerCpu}, client {m.ClientCpu.Total:0.00} s" : $"{m.ClientCpu}")}; {m.CoresBusy:0.0} cores busy{(m.RssGrowthBytes is { } growth ? $"; RSS +{growth / MiB:0.0} MiB" : "")}");
}
