namespace VideoVault.Benchmarks;

/// <summary>One server the benchmark posts to, and what each measured upload cost.</summary>
internal sealed class IngestTarget(string name, Uri url, int serverProcessId)
{
    public string Name { get; } = name;

    public Uri Url { get; } = url;

    public int ServerProcessId { get; } = serverProcessId;

    public List<IngestMeasurement> Measurements { get; } = [];

    /// <summary>Medians taken field by field: each is the middle of its own column, not all from one run.</summary>
    public IngestMeasurement Median() =>
        new(
            TimeSpan.FromSeconds(Middle(Measurements.Select(m => m.Time.TotalSeconds))),
            new CpuTime(Middle(Measurements.Select(m => m.ServerCpu.User)), Middle(Measurements.Select(m => m.ServerCpu.System))),
            new CpuTime(Middle(Measurements.Select(m => m.ClientCpu.User)), Middle(Measurements.Select(m => m.ClientCpu.System))));

    private static double Middle(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
