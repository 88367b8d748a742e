namespace VideoVault.Benchmarks;

/// <summary>One measured upload: curl's total time and the CPU the server and curl spent on it.</summary>
internal readonly record struct IngestMeasurement(TimeSpan Time, CpuTime ServerCpu, CpuTime ClientCpu)
{
    /// <summary>How many of the machine's cores were busy on average, server and client together.</summary>
    public double CoresBusy => (ServerCpu.Total + ClientCpu.Total) / Time.TotalSeconds;
}
