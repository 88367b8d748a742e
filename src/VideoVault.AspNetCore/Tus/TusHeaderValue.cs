using Microsoft.Extensions.Primitives;

namespace VideoVault.AspNetCore.Tus;

/// <summary>Parses tus's integer headers strictly: one value, ASCII digits only (no sign, no spaces, no exponent).</summary>
internal static class TusHeaderValue
{
    /// <summary>
    /// <see langword="true"/> when the header is absent (<paramref name="value"/> <see langword="null"/>) or a valid
    /// non-negative integer; <see langword="false"/> when it is present but malformed.
    /// </summary>
    public static bool TryReadNonNegative(StringValues values, out long? value)
    {
        value = null;
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count != 1 || values[0] is not { Length: > 0 and <= 19 } text)
        {
            return false;
        }

        long result = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            result = (result * 10) + (c - '0');
        }

        if (result < 0)
        {
            return false;
        }

        value = result;
        return true;
    }
}
