namespace VideoVault.Benchmarks;

/// <summary>
/// One way of taking in the payload (a server and its client, or one of the limit's commands), and what each measured
/// upload cost. <paramref name="afterEach"/> checks what an upload left (and clears a peer's storage) outside the
/// timed span.
/// </summary>
internal sealed class IngestTarget(
    string name,
    ServerProcess? server,
    bool tracksMemory,
    Func<CancellationToken, Task<CompletedUpload>> upload,
    Func<CompletedUpload, CancellationToken, Task> afterEach)
{
    public string Name { get; } = name;

    /// <summary>Whether a server takes the upload (false for the limit's commands, which are their own client).</summary>
    public bool HasServer => server is not null;

    public List<IngestMeasurement> Measurements { get; } = [];

    /// <summary>The measured uploads' times in seconds, in run order.</summary>
    public IReadOnlyList<double> Seconds => Measurements.Select(m => m.Time.TotalSeconds).ToList();

    /// <summary>
    /// A warm-up upload, then the measured one (the VM hands freed page cache back quickly, so a cold run measures the
    /// hypervisor, not the server), with the server's CPU read before and after and its peak RSS reset before it.
    /// </summary>
    public async Task<(IngestMeasurement Measurement, CompletedUpload Upload)> MeasureAsync(CancellationToken cancellationToken)
    {
        await afterEach(await upload(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        var cpuBefore = server is null ? default : ProcessCpu.Read(server.ProcessId);
        long? rssBefore = null;
        if (server is not null && tracksMemory)
        {
            ProcessMemory.ResetPeak(server.ProcessId);
            rssBefore = ProcessMemory.CurrentBytes(server.ProcessId);
        }

        var done = await upload(cancellationToken).ConfigureAwait(false);
        var serverCpu = server is null ? default : ProcessCpu.Read(server.ProcessId) - cpuBefore;
        long? rssGrowth = rssBefore is { } before ? ProcessMemory.PeakBytes(server!.ProcessId) - before : null;
        await afterEach(done, cancellationToken).ConfigureAwait(false);

        var measurement = new IngestMeasurement(done.Client.Time, serverCpu, done.Client.ClientCpu, rssGrowth);
        Measurements.Add(measurement);
        return (measurement, done);
    }

    /// <summary>Medians taken field by field: each is the middle of its own column, not all from one run.</summary>
    public IngestMeasurement Median() =>
        new(
            TimeSpan.FromSeconds(Middle(Measurements.Select(m => m.Time.TotalSeconds))),
            new CpuTime(Middle(Measurements.Select(m => m.ServerCpu.User)), Middle(Measurements.Select(m => m.ServerCpu.System))),
            new CpuTime(Middle(Measurements.Select(m => m.ClientCpu.User)), Middle(Measurements.Select(m => m.ClientCpu.System))),
            Measurements.All(m => m.RssGrowthBytes is not null) ? (long)Middle(Measurements.Select(m => (double)m.RssGrowthBytes!.Value)) : null);

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Middle(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
