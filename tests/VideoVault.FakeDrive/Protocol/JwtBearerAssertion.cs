using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VideoVault.FakeDrive.Protocol;

/// <summary>The checked claims of a jwt-bearer grant assertion.</summary>
internal sealed record JwtBearerAssertion(string KeyId, string Issuer, string Audience, string? Scope, string? Subject,
    DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Parses the JWT and verifies its RS256 signature with the key its <c>kid</c> (or <c>iss</c>) names.</summary>
    public static JwtBearerAssertion Verify(string jwt, Func<string?, string?, RSA?> findKey)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("The assertion is not a JWS compact serialisation.");
        }

        using var header = JsonDocument.Parse(Base64UrlDecode(parts[0]));
        using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
        var alg = header.RootElement.TryGetProperty("alg", out var a) ? a.GetString() : null;
        if (alg != "RS256")
        {
            throw new FormatException($"Unsupported JWT algorithm '{alg}'.");
        }

        var kid = header.RootElement.TryGetProperty("kid", out var k) ? k.GetString() : null;
        var root = payload.RootElement;
        var iss = GetString(root, "iss") ?? throw new FormatException("The assertion has no iss claim.");
        var key = findKey(kid, iss) ?? throw new FormatException($"No key is registered for kid '{kid}' / iss '{iss}'.");
        var signature = Base64UrlDecode(parts[2]);
        if (!key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            throw new FormatException("Invalid JWT Signature.");
        }

        return new JwtBearerAssertion(
            kid ?? "",
            iss,
            GetString(root, "aud") ?? throw new FormatException("The assertion has no aud claim."),
            GetString(root, "scope"),
            GetString(root, "sub"),
            DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("iat").GetInt64()),
            DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64()));
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return Convert.FromBase64String(s);
    }
}
