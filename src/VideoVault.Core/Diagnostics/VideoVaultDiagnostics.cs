using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VideoVault.Diagnostics;

/// <summary>
/// The library's metrics (<c>Meter("VideoVault")</c>) and traces (<c>ActivitySource("VideoVault")</c>): no extra
/// dependency, and any OpenTelemetry host picks them up by name.
/// </summary>
internal sealed class VideoVaultDiagnostics : IDisposable
{
    public const string Name = "VideoVault";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _uploadsStored;
    private readonly Counter<long> _bytesStored;
    private readonly Counter<long> _refusals;
    private readonly Histogram<double> _uploadDuration;

    public VideoVaultDiagnostics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _uploadsStored = _meter.CreateCounter<long>("videovault.uploads.stored", "{upload}", "Uploads stored durably and committed.");
        _bytesStored = _meter.CreateCounter<long>("videovault.bytes.stored", "By", "Bytes of the uploads stored.");
        _refusals = _meter.CreateCounter<long>("videovault.uploads.refused", "{upload}", "Uploads refused, by reason.");
        _uploadDuration = _meter.CreateHistogram<double>("videovault.upload.duration", "s", "Time to store an upload, by outcome.");
    }

    /// <summary>The meter behind the instruments (tests listen to this instance only).</summary>
    public Meter Meter => _meter;

    public void Stored(long bytes, TimeSpan elapsed)
    {
        _uploadsStored.Add(1);
        _bytesStored.Add(bytes);
        _uploadDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", "stored"));
    }

    public void Refused(SaveVideoOutcome outcome, TimeSpan elapsed)
    {
        var reason = ReasonTag(outcome);
        _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));
        _uploadDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", reason));
    }

    // A replay stored nothing new, so it counts no upload and no bytes; only its duration, under its own outcome.
    public void Replayed(TimeSpan elapsed) =>
        _uploadDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", "replayed"));

    public void Failed(TimeSpan elapsed) =>
        _uploadDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", "failed"));

    public static string ReasonTag(SaveVideoOutcome outcome) => outcome switch
    {
        SaveVideoOutcome.TooLarge => "too_large",
        SaveVideoOutcome.UnsupportedContainer => "unsupported_container",
        SaveVideoOutcome.InsufficientStorage => "insufficient_storage",
        SaveVideoOutcome.IdempotencyKeyConflict => "idempotency_key_conflict",
        _ => "stored",
    };

    public void Dispose()
    {
        // A factory-made meter belongs to the factory, which disposes it with the container.
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
