namespace VideoVault.Benchmarks;

/// <summary>Resident-set figures of a process from <c>/proc</c> (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>Resets the peak RSS (VmHWM) of the process to its current RSS.</summary>
    public static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    public static long CurrentBytes(int pid) => Read(pid, "VmRSS:");

    public static long PeakBytes(int pid) => Read(pid, "VmHWM:");

    private static long Read(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var kib = line[key.Length..].Trim().Split(' ')[0];
                return long.Parse(kib, System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new BenchmarkException($"{key} not found for process {pid}");
    }
}
