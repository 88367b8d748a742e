using System.Globalization;

namespace VideoVault.Manager.Rendering;

/// <summary>Human sizes in binary units (KiB, MiB, GiB, TiB), invariant culture.</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        }

        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }

    /// <summary>Throughput, e.g. <c>85.3 MiB/s</c>.</summary>
    public static string FormatRate(long bytes, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? "-" : $"{Format((long)(bytes / elapsed.TotalSeconds))}/s";
}
