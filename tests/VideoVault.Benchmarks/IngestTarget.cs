namespace VideoVault.Benchmarks;

/// <summary>One way of uploading the payload to one server, and what each measured upload cost.</summary>
internal sealed class IngestTarget(string name, int serverProcessId, Func<Task<CompletedUpload>> upload)
{
    public string Name { get; } = name;

    public int ServerProcessId { get; } = serverProcessId;

    public List<IngestMeasurement> Measurements { get; } = [];

    /// <summary>Uploads the payload once; returns when the server has answered the last request.</summary>
    public Task<CompletedUpload> UploadAsync() => upload();

    /// <summary>Medians taken field by field: each is the middle of its own column, not all from one run.</summary>
    public IngestMeasurement Median() =>
        new(
            TimeSpan.FromSeconds(Middle(Measurements.Select(m => m.Time.TotalSeconds))),
            new CpuTime(Middle(Measurements.Select(m => m.ServerCpu.User)), Middle(Measurements.Select(m => m.ServerCpu.System))),
            new CpuTime(Middle(Measurements.Select(m => m.ClientCpu.User)), Middle(Measurements.Select(m => m.ClientCpu.System))));

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Middle(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
