namespace VideoVault.Benchmarks;

/// <summary>
/// One upload as the client saw it: the time from its first request to the last answer (curl's own
/// <c>time_total</c>, summed over the requests, so starting the curl process is not counted) and curl's CPU time.
/// </summary>
internal readonly record struct ClientRun(TimeSpan Time, CpuTime ClientCpu);
