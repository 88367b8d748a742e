using System.Globalization;
using System.CommandLine.Parsing;

namespace VideoVault.Manager.Cli;

/// <summary>
/// Parses <c>--since</c>/<c>--until</c>: an ISO date or date-time (local time unless it carries an offset), or an age
/// such as <c>7d</c>, <c>12h</c>, <c>30m</c> before now.
/// </summary>
internal static class TimeArgument
{
    public static DateTimeOffset? Parse(ArgumentResult result, TimeProvider timeProvider)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : string.Empty;
        if (TryParseAge(text, out var age))
        {
            return timeProvider.GetUtcNow() - age;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at))
        {
            return at;
        }

        result.AddError($"'{text}' is not a date (2026-11-01, 2026-11-01T14:30, or an age like 7d, 12h, 30m)");
        return null;
    }

    private static bool TryParseAge(string text, out TimeSpan age)
    {
        age = default;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        TimeSpan? unit = char.ToLowerInvariant(text[^1]) switch
        {
            'd' => TimeSpan.FromDays(1),
            'h' => TimeSpan.FromHours(1),
            'm' => TimeSpan.FromMinutes(1),
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        age = unit.Value * amount;
        return true;
    }
}
