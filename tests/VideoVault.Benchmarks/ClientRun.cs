namespace VideoVault.Benchmarks;

/// <summary>
/// One upload as the client saw it: the time from its first request to the last answer (curl's own
/// <c>time_total</c>, summed over the requests, or tus-js-client's from <c>start()</c> to <c>onSuccess</c>, so starting
/// the client process is not counted) and the client's CPU time. For the limit's commands (<see cref="IngestLimit"/>),
/// the command's wall time and CPU time.
/// </summary>
internal readonly record struct ClientRun(TimeSpan Time, CpuTime ClientCpu);
