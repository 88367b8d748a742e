using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VideoVault.FakeDrive.Protocol;

namespace VideoVault.FakeDrive;

internal sealed partial class FakeDriveHandler
{
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // Google.Apis signs the JWT for Google's token audience whatever token_uri says; Google accepts these.
    private static readonly HashSet<string> GoogleTokenAudiences = new(StringComparer.Ordinal)
    {
        "https://oauth2.googleapis.com/token",
        "https://www.googleapis.com/oauth2/v4/token",
        "https://accounts.google.com/o/oauth2/token",
    };

    private async Task TokenAsync(Exchange exchange)
    {
        var context = exchange.Context;
        if (!context.Request.HasFormContentType)
        {
            await exchange.ReadBodyAsync().ConfigureAwait(false);
            await GoogleErrors.WriteOAuthAsync(context, "invalid_request", "The token request must be application/x-www-form-urlencoded.").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var grantType = form["grant_type"].ToString();
        FakeDriveTokenGrant? grant;
        string? error;
        if (grantType == JwtBearerGrant)
        {
            (grant, error) = VerifyJwtGrant(form["assertion"].ToString());
        }
        else if (grantType == "refresh_token")
        {
            (grant, error) = VerifyRefreshGrant(form["refresh_token"].ToString(), form["client_id"].ToString(), form["client_secret"].ToString());
        }
        else
        {
            await GoogleErrors.WriteOAuthAsync(context, "unsupported_grant_type", $"Invalid grant_type: {grantType}").ConfigureAwait(false);
            return;
        }

        if (grant is null)
        {
            await GoogleErrors.WriteOAuthAsync(context, "invalid_grant", error!).ConfigureAwait(false);
            return;
        }

        lock (state.Gate)
        {
            state.Tokens[grant.AccessToken] = grant;
            state.Grants.Add(grant);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(
            JsonSerializer.Serialize(new Dictionary<string, object> { ["access_token"] = grant.AccessToken, ["expires_in"] = 3599, ["token_type"] = "Bearer" }),
            context.RequestAborted).ConfigureAwait(false);
    }

    private (FakeDriveTokenGrant? Grant, string? Error) VerifyJwtGrant(string assertion)
    {
        JwtBearerAssertion jwt;
        try
        {
            lock (state.Gate)
            {
                jwt = JwtBearerAssertion.Verify(assertion, FindKey);
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or CryptographicException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, ex.Message);
        }

        var now = time.GetUtcNow();
        var tokenUri = new Uri(baseUri(), "token").AbsoluteUri;
        if (!GoogleTokenAudiences.Contains(jwt.Audience) && !string.Equals(jwt.Audience.TrimEnd('/'), tokenUri.TrimEnd('/'), StringComparison.Ordinal))
        {
            return (null, $"Invalid JWT: aud '{jwt.Audience}' is not the token endpoint '{tokenUri}'.");
        }

        if (jwt.ExpiresAt < now - ClockSkew || jwt.IssuedAt > now + ClockSkew || jwt.ExpiresAt - jwt.IssuedAt > TimeSpan.FromHours(1) + ClockSkew)
        {
            return (null, "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
        }

        if (string.IsNullOrWhiteSpace(jwt.Scope))
        {
            return (null, "Invalid JWT: no scope claim; an access token needs at least one scope.");
        }

        lock (state.Gate)
        {
            if (state.ServiceAccountKeys.TryGetValue(jwt.KeyId, out var registered) && registered.ClientEmail != jwt.Issuer)
            {
                return (null, $"Invalid JWT: iss '{jwt.Issuer}' does not own key '{jwt.KeyId}'.");
            }
        }

        return (new FakeDriveTokenGrant(FakeDriveState.NewToken("ya29.fake-"), JwtBearerGrant, jwt.Issuer, jwt.Scope, jwt.Subject), null);
    }

    private RSA? FindKey(string? keyId, string? issuer)
    {
        if (keyId is not null && state.ServiceAccountKeys.TryGetValue(keyId, out var byId))
        {
            return byId.Key;
        }

        return state.ServiceAccountKeys.Values.Where(k => k.ClientEmail == issuer).Select(k => k.Key).FirstOrDefault();
    }

    private (FakeDriveTokenGrant? Grant, string? Error) VerifyRefreshGrant(string refreshToken, string clientId, string clientSecret)
    {
        lock (state.Gate)
        {
            if (!state.RefreshTokens.TryGetValue(refreshToken, out var client) || client.ClientId != clientId || client.ClientSecret != clientSecret)
            {
                return (null, "Token has been expired or revoked.");
            }
        }

        return (new FakeDriveTokenGrant(FakeDriveState.NewToken("ya29.fake-"), "refresh_token", clientId, null, null), null);
    }
}
