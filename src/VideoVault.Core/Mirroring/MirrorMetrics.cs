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
    private readonly Counter<long> _copyChecks;
    private readonly Counter<long> _copiesLost;
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
        _copyChecks = _meter.CreateCounter<long>(
            "videovault.mirror.copy_checks",
            "{check}",
            "Checks of mirror copies against the manifest, by outcome (intact, unverified, missing, corrupt, check_failed) and action (none, requeued, lost).");
        _copiesLost = _meter.CreateCounter<long>(
            "videovault.mirror.copies_lost",
            "{video}",
            "Videos whose mirror copy was found gone or wrong with no intact local copy left to upload again: lost unless a backup exists.");
    }

    public void SetBacklog(long count) => Interlocked.Exchange(ref _backlog, count);

    public void Mirrored(long bytes, TimeSpan sinceStored)
    {
        _bytesMirrored.Add(bytes);
        _videosMirrored.Add(1);
        _storedToMirrored.Record(Math.Max(0, sinceStored.TotalSeconds));
    }

    public void Failure(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void CopyChecked(MirrorCopyOutcome outcome, MirrorCopyAction action)
    {
        _copyChecks.Add(
            1,
            new KeyValuePair<string, object?>("outcome", TagOf(outcome)),
            new KeyValuePair<string, object?>("action", TagOf(action)));
        if (action == MirrorCopyAction.Lost)
        {
            _copiesLost.Add(1);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string TagOf(MirrorCopyOutcome outcome) => outcome switch
    {
        MirrorCopyOutcome.Intact => "intact",
        MirrorCopyOutcome.Unverified => "unverified",
        MirrorCopyOutcome.Missing => "missing",
        MirrorCopyOutcome.Corrupt => "corrupt",
        MirrorCopyOutcome.NotMirrored => "not_mirrored",
        _ => "check_failed",
    };

    private static string TagOf(MirrorCopyAction action) => action switch
    {
        MirrorCopyAction.Requeued => "requeued",
        MirrorCopyAction.Lost => "lost",
        _ => "none",
    };

    private IEnumerable<Measurement<long>> ObserveBacklog()
    {
        var backlog = Interlocked.Read(ref _backlog);
        return backlog < 0 ? [] : [new Measurement<long>(backlog)];
    }
}
