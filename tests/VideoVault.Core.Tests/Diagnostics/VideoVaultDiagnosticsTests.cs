using System.Diagnostics.Metrics;

namespace VideoVault.Tests.Diagnostics;

public sealed class VideoVaultDiagnosticsTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Stored_and_refused_uploads_are_counted_with_bytes_reasons_and_durations()
    {
        await using var harness = new StoreHarness(_root.Path);
        var measurements = new List<(string Instrument, double Value, string? Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, harness.Diagnostics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        await harness.SaveAsync(TestVideos.Mp4(5000), "a.mp4");
        await harness.SaveAsync(TestVideos.Text(), "b.mp4");

        harness.Diagnostics.Meter.Name.Should().Be("VideoVault");
        measurements.Should().ContainEquivalentOf(("videovault.uploads.stored", 1d, (string?)null));
        measurements.Should().ContainEquivalentOf(("videovault.bytes.stored", 5000d, (string?)null));
        measurements.Should().ContainEquivalentOf(("videovault.uploads.refused", 1d, (string?)"unsupported_container"));
        measurements.Count(m => m.Instrument == "videovault.upload.duration").Should().Be(2);

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    reason = tag.Value as string;
                }
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, reason));
            }
        }
    }
}
