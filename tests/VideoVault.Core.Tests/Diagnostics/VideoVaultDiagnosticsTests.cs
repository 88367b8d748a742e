using System.Diagnostics.Metrics;

namespace VideoVault.Tests.Diagnostics;

// The harness's fake clock does not move during a save, so every duration recorded here is exactly 0 s.
public sealed class VideoVaultDiagnosticsTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Stored_and_refused_uploads_are_counted_with_bytes_reasons_and_durations()
    {
        await using var harness = new StoreHarness(_root.Path);
        using var measurements = new MeasurementRecorder(harness);

        await harness.SaveAsync(TestVideos.Mp4(5000), "a.mp4");
        await harness.SaveAsync(TestVideos.Text(), "b.mp4");

        harness.Diagnostics.Meter.Name.Should().Be("VideoVault");
        measurements.All.Should().BeEquivalentTo(
        [
            new Measurement("videovault.uploads.stored", 1, ""),
            new Measurement("videovault.bytes.stored", 5000, ""),
            new Measurement("videovault.upload.duration", 0, "outcome=stored"),
            new Measurement("videovault.uploads.refused", 1, "reason=unsupported_container"),
            new Measurement("videovault.upload.duration", 0, "outcome=unsupported_container"),
        ]);
    }

    [Fact]
    public async Task Upload_over_the_size_limit_is_counted_as_refused_too_large()
    {
        await using var harness = new StoreHarness(_root.Path, o => o.MaxFileSizeBytes = 1000);
        using var measurements = new MeasurementRecorder(harness);

        var result = await harness.SaveAsync(TestVideos.Mp4(5000), "big.mp4");

        result.Outcome.Should().Be(SaveVideoOutcome.TooLarge);
        measurements.All.Should().BeEquivalentTo(
        [
            new Measurement("videovault.uploads.refused", 1, "reason=too_large"),
            new Measurement("videovault.upload.duration", 0, "outcome=too_large"),
        ]);
    }

    [Fact]
    public async Task Upload_below_the_free_space_floor_is_counted_as_refused_insufficient_storage()
    {
        await using var harness = new StoreHarness(_root.Path, o => o.MinFreeSpaceBytes = long.MaxValue / 2);
        using var measurements = new MeasurementRecorder(harness);

        var result = await harness.SaveAsync(TestVideos.Mp4(5000), "full.mp4", declaredLength: 5000);

        result.Outcome.Should().Be(SaveVideoOutcome.InsufficientStorage);
        measurements.All.Should().BeEquivalentTo(
        [
            new Measurement("videovault.uploads.refused", 1, "reason=insufficient_storage"),
            new Measurement("videovault.upload.duration", 0, "outcome=insufficient_storage"),
        ]);
    }

    [Fact]
    public async Task Replayed_upload_counts_no_new_upload_or_bytes_and_a_key_conflict_counts_as_a_refusal()
    {
        await using var harness = new StoreHarness(_root.Path);
        await harness.SaveAsync(TestVideos.Mp4(5000), "a.mp4", idempotencyKey: "k");
        using var measurements = new MeasurementRecorder(harness);

        var replay = await harness.SaveAsync(TestVideos.Mp4(5000), "a.mp4", idempotencyKey: "k");
        var conflict = await harness.SaveAsync(TestVideos.Mp4(5000, seed: 1), "a.mp4", idempotencyKey: "k");

        replay.IsReplay.Should().BeTrue();
        conflict.Outcome.Should().Be(SaveVideoOutcome.IdempotencyKeyConflict);
        measurements.All.Should().BeEquivalentTo(
        [
            new Measurement("videovault.upload.duration", 0, "outcome=replayed"),
            new Measurement("videovault.uploads.refused", 1, "reason=idempotency_key_conflict"),
            new Measurement("videovault.upload.duration", 0, "outcome=idempotency_key_conflict"),
        ]);
    }

    [Fact]
    public async Task Upload_whose_body_throws_midway_records_a_failed_duration_and_no_store_or_refusal_count()
    {
        await using var harness = new StoreHarness(_root.Path);
        using var measurements = new MeasurementRecorder(harness);
        var dropped = new IOException("Unexpected end of request content.");
        var body = new FailingStream(TestVideos.Mp4(1 << 20), 300 * 1024, dropped);

        var act = () => harness.Store.SaveAsync(new VideoUpload(body, "dropped.mp4"));

        (await act.Should().ThrowAsync<IOException>()).Which.Should().BeSameAs(dropped);
        measurements.All.Should().BeEquivalentTo([new Measurement("videovault.upload.duration", 0, "outcome=failed")]);
    }

    private sealed record Measurement(string Instrument, double Value, string Tags);

    /// <summary>Records the measurements of one harness's meter only, so tests running in parallel do not mix.</summary>
    private sealed class MeasurementRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<Measurement> _measurements = [];

        public MeasurementRecorder(StoreHarness harness)
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, harness.Diagnostics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
        }

        public IReadOnlyList<Measurement> All
        {
            get
            {
                lock (_measurements)
                {
                    return [.. _measurements];
                }
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var pairs = new List<string>(tags.Length);
            foreach (var tag in tags)
            {
                pairs.Add($"{tag.Key}={tag.Value}");
            }

            pairs.Sort(StringComparer.Ordinal);
            lock (_measurements)
            {
                _measurements.Add(new Measurement(instrument.Name, value, string.Join(",", pairs)));
            }
        }
    }
}
