using System.Globalization;

namespace VideoVault.Benchmarks.Catalog;

/// <summary>The times of one kind of request against one host, in milliseconds: median, p99 (nearest rank), count.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public double Median => IngestTarget.Middle(_milliseconds);

    public double P99
    {
        get
        {
            var sorted = _milliseconds.Order().ToList();
            return sorted[Math.Max(0, (int)Math.Ceiling(0.99 * sorted.Count) - 1)];
        }
    }

    public void Add(TimeSpan time) => _milliseconds.Add(time.TotalMilliseconds);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Median:0.00} ms; p99 {P99:0.00} ms (n={Count})");
}
