using System.Diagnostics.Metrics;
using VideoVault.Diagnostics;

namespace VideoVault.Mirroring;

/// <summary>
/// The mirror's instruments on <c>Meter("VideoVault")</c>. The backlog gauge reads a value the worker refreshes from
/// the manifest, because an observable callback must not block on the database.
/// </summary>
internal sealed class MirrorMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _bytesMirrored;
    private readonly Counter<long> _videosMirrored;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _storedToMirrored;
    private long _backlog = -1;

    public MirrorMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(VideoVaultDiagnostics.Name) ?? new Meter(VideoVaultDiagnostics.Name);
        _meter.CreateObservableGauge(
            "videovault.mirror.backlog",
            ObserveBacklog,
            "{video}",
            "Videos waiting to be mirrored (pending, uploading or retrying).");
        _bytesMirrored = _meter.CreateCounter<long>("videovault.mirror.bytes", "By", "Bytes of videos whose mirror copy was verified.");
        _videosMirrored = _meter.CreateCounter<long>("videovault.mirror.videos", "{video}", "Videos whose mirror copy was verified.");
        _failures = _meter.CreateCounter<long>("videovault.mirror.failures", "{failure}", "Failed mirror attempts, by reason (transient ones included).");
        _storedToMirrored = _meter.CreateHistogram<double>("videovault.mirror.lag", "s", "Time from a video being stored to its mirror copy being verified.");
    }

    public void SetBacklog(long count) => Interlocked.Exchange(ref _backlog, count);

    public void Mirrored(long bytes, TimeSpan sinceStored)
    {
        _bytesMirrored.Add(bytes);
        _videosMirrored.Add(1);
        _storedToMirrored.Record(Math.Max(0, sinceStored.TotalSeconds));
    }

    public void Failure(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<long>> ObserveBacklog()
    {
        var backlog = Interlocked.Read(ref _backlog);
        return backlog < 0 ? [] : [new Measurement<long>(backlog)];
    }
}
