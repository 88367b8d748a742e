using Microsoft.AspNetCore.Http;

namespace VideoVault.AspNetCore.Endpoints;

/// <summary>
/// The <c>Idempotency-Key</c> request header (draft-ietf-httpapi-idempotency-key-header) and the
/// <c>Idempotent-Replayed</c> response header. The draft makes the value a structured-field string
/// (<c>"8e03978e-..."</c>); Stripe-style clients send the bare token. Both mean the same key, so one pair of
/// surrounding quotes is removed and the rest is the key as sent (escapes are not decoded: a UUID or random hex never
/// needs them, and a key is only ever compared with itself).
/// </summary>
internal static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <summary>
    /// Set to <c>true</c> on a 201 that answers a repeated key with the video stored earlier. The draft names no
    /// response header; this is the one Stripe sends, so clients written against Stripe already understand it.
    /// </summary>
    public const string ReplayedName = "Idempotent-Replayed";

    public const int MaxLength = 255;

    /// <summary>
    /// Reads the header: <see langword="true"/> with <paramref name="key"/> <see langword="null"/> when it is absent,
    /// <see langword="true"/> with the key when it is valid, else <see langword="false"/> with a client-safe
    /// <paramref name="error"/> that never echoes the value (it may be huge or hold control characters).
    /// </summary>
    public static bool TryRead(HttpRequest request, out string? key, out string? error)
    {
        key = null;
        error = null;
        if (!request.Headers.TryGetValue(Name, out var values))
        {
            return true;
        }

        if (values.Count != 1)
        {
            error = $"Send the {Name} header once.";
            return false;
        }

        var value = values[0] ?? string.Empty;
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        if (value.Length is 0 or > MaxLength)
        {
            error = $"The {Name} header must be 1 to {MaxLength} characters long (without the surrounding quotes).";
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                error = $"The {Name} header may contain only printable ASCII characters (0x20 to 0x7E); a UUID is a good key.";
                return false;
            }
        }

        key = value;
        return true;
    }
}
