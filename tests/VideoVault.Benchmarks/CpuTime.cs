using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>CPU time spent in user and kernel mode, in seconds.</summary>
internal readonly record struct CpuTime(double User, double System)
{
    public double Total => User + System;

    public static CpuTime operator +(CpuTime a, CpuTime b) =>
        new(a.User + b.User, a.System + b.System);

    public static CpuTime operator -(CpuTime after, CpuTime before) =>
        new(after.User - before.User, after.System - before.System);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Total:0.00} s (user {User:0.00}, sys {System:0.00})");
}
