using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>
/// CPU time a server has used so far, read from <c>/proc</c> (Linux): the process and its direct children, so an
/// nginx master counts with its worker.
/// </summary>
internal static class ProcessCpu
{
    // /proc reports clock ticks; USER_HZ is 100 on every Linux build this runs on.
    private const double TicksPerSecond = 100;

    public static CpuTime Read(int pid)
    {
        var total = ReadOne(pid);
        var children = $"/proc/{pid}/task/{pid}/children";
        if (File.Exists(children))
        {
            foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var one = ReadOne(int.Parse(child, CultureInfo.InvariantCulture));
                total = new CpuTime(total.User + one.User, total.System + one.System);
            }
        }

        return total;
    }

    private static CpuTime ReadOne(int pid)
    {
        // The command name (field 2) may hold spaces and parentheses; the fields after its closing ')' do not.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
        return new CpuTime(
            long.Parse(fields[11], CultureInfo.InvariantCulture) / TicksPerSecond,
            long.Parse(fields[12], CultureInfo.InvariantCulture) / TicksPerSecond);
    }
}
