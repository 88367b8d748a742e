using System.CommandLine.Parsing;
using System.Globalization;

namespace VideoVault.Manager.Cli;

/// <summary>Parses a whole number within bounds, so a bad value is a usage error that names the rule.</summary>
internal static class IntArgument
{
    public static int Parse(ArgumentResult result, string name, int min, int max = int.MaxValue)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} must be a whole number, not '{text}'");
            return min;
        }

        if (value < min || value > max)
        {
            result.AddError(max == int.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"{name} must be {min} or more")
                : string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}"));
        }

        return value;
    }
}
