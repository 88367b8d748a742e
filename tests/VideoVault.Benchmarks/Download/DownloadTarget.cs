namespace VideoVault.Benchmarks.Download;

/// <summary>One server sending the video, and what each measured download cost it and curl.</summary>
internal sealed class DownloadTarget(string name, ServerProcess server, bool tracksMemory, Uri url, long size)
{
    public string Name { get; } = name;

    public List<IngestMeasurement> Measurements { get; } = [];

    /// <summary>The measured downloads' times in seconds, in run order.</summary>
    public IReadOnlyList<double> Seconds => Measurements.Select(m => m.Time.TotalSeconds).ToList();

    /// <summary>An untimed download: the file into the page cache, the server's code paths warm.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) => CurlDownload.GetAsync(url, size, cancellationToken);

    /// <summary>One measured download, the server's CPU read around it and its peak RSS reset before it.</summary>
    public async Task<IngestMeasurement> MeasureAsync(CancellationToken cancellationToken)
    {
        var cpuBefore = ProcessCpu.Read(server.ProcessId);
        long? rssBefore = null;
        if (tracksMemory)
        {
            ProcessMemory.ResetPeak(server.ProcessId);
            rssBefore = ProcessMemory.CurrentBytes(server.ProcessId);
        }

        var client = await CurlDownload.GetAsync(url, size, cancellationToken).ConfigureAwait(false);
        var serverCpu = ProcessCpu.Read(server.ProcessId) - cpuBefore;
        long? growth = rssBefore is { } before ? ProcessMemory.PeakBytes(server.ProcessId) - before : null;
        var measurement = new IngestMeasurement(client.Time, serverCpu, client.ClientCpu, growth);
        Measurements.Add(measurement);
        return measurement;
    }

    /// <summary>Medians taken field by field.</summary>
    public IngestMeasurement Median() =>
        new(
            TimeSpan.FromSeconds(IngestTarget.Middle(Measurements.Select(m => m.Time.TotalSeconds))),
            new CpuTime(IngestTarget.Middle(Measurements.Select(m => m.ServerCpu.User)), IngestTarget.Middle(Measurements.Select(m => m.ServerCpu.System))),
            new CpuTime(IngestTarget.Middle(Measurements.Select(m => m.ClientCpu.User)), IngestTarget.Middle(Measurements.Select(m => m.ClientCpu.System))),
            Measurements.All(m => m.RssGrowthBytes is not null) ? (long)IngestTarget.Middle(Measurements.Select(m => (double)m.RssGrowthBytes!.Value)) : null);
}
