using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>
/// How many times faster one way of taking in the payload is than another, measured in the same run: the ratio of
/// their median times, and the median of the per-run ratios (each pair measured back to back, so a load that swings
/// between runs cancels out). A target counts as met only when both measures meet it.
/// </summary>
internal readonly record struct SpeedRatio(double OfMedians, double OfPairs, int Runs)
{
    /// <summary>The speed of <paramref name="oursSeconds"/> over that of <paramref name="theirsSeconds"/>, run by run.</summary>
    public static SpeedRatio Of(IReadOnlyList<double> oursSeconds, IReadOnlyList<double> theirsSeconds) =>
        new(
            IngestTarget.Middle(theirsSeconds) / IngestTarget.Middle(oursSeconds),
            IngestTarget.Middle(oursSeconds.Zip(theirsSeconds, (ours, theirs) => theirs / ours)),
            oursSeconds.Count);

    public bool AtLeast(double goal) => OfMedians >= goal && OfPairs >= goal;

    public bool Above(double goal) => OfMedians > goal && OfPairs > goal;

    /// <summary>"1.23x", with the per-run pairs when there is more than one run, and a note when the two disagree on <paramref name="met"/>.</summary>
    public string Describe(Func<double, bool> met)
    {
        if (Runs == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{OfMedians:0.00}x");
        }

        var split = met(OfMedians) != met(OfPairs) ? "; the two measures disagree (noise)" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{OfMedians:0.00}x (median of per-run pairs {OfPairs:0.00}x{split})");
    }
}
