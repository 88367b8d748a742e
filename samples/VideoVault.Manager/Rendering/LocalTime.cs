using System.Globalization;

namespace VideoVault.Manager.Rendering;

/// <summary>Instants shown to people in the machine's local time zone; JSON keeps UTC ISO 8601.</summary>
internal static class LocalTime
{
    public static string Format(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset? at) => at is { } value ? Format(value) : "-";

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
