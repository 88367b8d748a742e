using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>
/// What the figures were measured on: cores, CPU model, RAM, kernel, the load average, and how fast the disk under the
/// work directory takes a direct write (<c>dd oflag=direct conv=fsync</c> of 256 MiB), which on this kind of virtual
/// machine swings several-fold from one hour to the next; printed before the suites run and beside the report.
/// </summary>
internal sealed record MachineDescription(int Cores, string CpuModel, long MemoryBytes, string Kernel, string LoadAverage, double DirectWriteMiBPerSecond, DateTime MeasuredUtc)
{
    private const long ProbeBytes = 256L * 1024 * 1024;

    public static async Task<MachineDescription> MeasureAsync(string workDirectory, CancellationToken cancellationToken)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memory = File.ReadLines("/proc/meminfo").First(line => line.StartsWith("MemTotal:", StringComparison.Ordinal));
        var memoryKiB = long.Parse(memory["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        var kernel = (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease", cancellationToken).ConfigureAwait(false)).Trim();
        return new MachineDescription(
            Environment.ProcessorCount, cpu, memoryKiB * 1024, kernel, ReadLoadAverage(),
            await ProbeDirectWriteAsync(workDirectory, cancellationToken).ConfigureAwait(false), DateTime.UtcNow);
    }

    public static string ReadLoadAverage() =>
        File.ReadAllText("/proc/loadavg").Split(' ') is [var one, var five, var fifteen, ..] ? $"{one} {five} {fifteen}" : "?";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{MeasuredUtc:yyyy-MM-dd HH:mm} UTC; {Cores} cores ({CpuModel}), {MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB RAM, Linux {Kernel}; " +
            $"load average {LoadAverage}; disk: 256 MiB written with O_DIRECT and fsync'd at {DirectWriteMiBPerSecond:0} MiB/s");

    /// <summary>Random bytes (not zeros, which a virtual disk may compress) written direct, then fsync'd.</summary>
    private static async Task<double> ProbeDirectWriteAsync(string workDirectory, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(Path.Combine(workDirectory, "disk-probe")).FullName;
        try
        {
            var source = Payload.Create(directory, ProbeBytes);
            var (_, elapsed, _) = await TimedCommand.RunAsync(
                "dd", [$"if={source}", $"of={Path.Combine(directory, "written")}", "bs=1M", "oflag=direct", "conv=fsync", "status=none"],
                "the disk probe (dd oflag=direct)", cancellationToken).ConfigureAwait(false);
            return ProbeBytes / (1024.0 * 1024) / elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
