namespace VideoVault.Benchmarks;

/// <summary>
/// One measured upload: the client's total time, the CPU the server and the client spent on it, and the server's peak
/// RSS growth over it (null where it is not tracked: nginx's worker, the limit's commands).
/// </summary>
internal readonly record struct IngestMeasurement(TimeSpan Time, CpuTime ServerCpu, CpuTime ClientCpu, long? RssGrowthBytes)
{
    /// <summary>How many of the machine's cores were busy on average, server and client together.</summary>
    public double CoresBusy => (ServerCpu.Total + ClientCpu.Total) / Time.TotalSeconds;
}
