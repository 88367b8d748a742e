namespace VideoVault.Manifest;

/// <summary>
/// How the manifest stores instants: INTEGER UTC ticks (100 ns) since the Unix epoch. Ticks rather than
/// milliseconds so a record reads back exactly as it was written and ordering never ties by rounding;
/// <c>datetime(x / 10000000, 'unixepoch')</c> shows it in the sqlite3 shell.
/// </summary>
internal static class ManifestTime
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    public static long ToStored(DateTimeOffset value) => value.UtcTicks - UnixEpochTicks;

    public static DateTimeOffset FromStored(long value) => new(value + UnixEpochTicks, TimeSpan.Zero);

    public static object ToParameter(DateTimeOffset? value) => value is { } v ? ToStored(v) : DBNull.Value;
}
