using System.Diagnostics.Metrics;
using VideoVault.Diagnostics;

namespace VideoVault.Maintenance;

/// <summary>Restore's instruments on <c>Meter("VideoVault")</c>, beside the mirror's.</summary>
internal sealed class RestoreMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _videos;
    private readonly Counter<long> _bytes;

    public RestoreMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(VideoVaultDiagnostics.Name) ?? new Meter(VideoVaultDiagnostics.Name);
        _videos = _meter.CreateCounter<long>("videovault.restore.videos", "{video}", "Restores from the mirror, by outcome (restored, already_present, mirror_copy_corrupt, ...).");
        _bytes = _meter.CreateCounter<long>("videovault.restore.bytes", "By", "Bytes downloaded from the mirror by restores, interrupted requests included.");
    }

    public void Finished(VideoRestoreResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _videos.Add(1, new KeyValuePair<string, object?>("outcome", System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Outcome.ToString())));
        if (result.BytesDownloaded > 0)
        {
            _bytes.Add(result.BytesDownloaded);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
