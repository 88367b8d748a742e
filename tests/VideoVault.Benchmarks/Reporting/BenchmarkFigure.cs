namespace VideoVault.Benchmarks.Reporting;

/// <summary>
/// One measured figure of a suite, printed beside its target and the peer it is compared with.
/// </summary>
/// <param name="Suite">The suite that measured it: catalog, ingest, concurrency or mirror.</param>
/// <param name="Name">What was measured, e.g. "videos/list first page, median".</param>
/// <param name="Value">The figure as measured, with its unit, e.g. "3.1 ms" or "0.82x".</param>
/// <param name="Target">The goal it is held to, e.g. "<= 5 ms", or "-" when it is context only.</param>
/// <param name="Peer">What it is compared with and that peer's own figure, e.g. "nginx (on): 612 MiB/s", or null.</param>
/// <param name="Met">Whether the target is met; null for a figure with no target.</param>
internal sealed record BenchmarkFigure(string Suite, string Name, string Value, string Target, string? Peer, bool? Met);
