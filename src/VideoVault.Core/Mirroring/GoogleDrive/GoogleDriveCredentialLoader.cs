using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;

namespace VideoVault.Mirroring.GoogleDrive;

/// <summary>Turns the configured credentials file into a scoped <see cref="GoogleCredential"/> without the obsolete GoogleCredential.FromFile.</summary>
internal static class GoogleDriveCredentialLoader
{
    public const string ServiceAccountType = "service_account";
    public const string AuthorizedUserType = "authorized_user";

    /// <summary>Loads the credential; throws <see cref="InvalidOperationException"/> with a fix-it message when the file is unusable.</summary>
    public static GoogleCredential Load(GoogleDriveMirrorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.CredentialsPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException(
                "VideoVault:Drive:CredentialsPath is not set. Point it (or the VideoVault__Drive__CredentialsPath environment variable) at a service-account key JSON or an OAuth authorized_user JSON.");
        }

        var type = ReadType(path);
        try
        {
            switch (type)
            {
                case ServiceAccountType:
                    var scoped = CredentialFactory.FromFile<ServiceAccountCredential>(path).ToGoogleCredential().CreateScoped(options.Scope);
                    return string.IsNullOrWhiteSpace(options.ImpersonateUser) ? scoped : scoped.CreateWithUser(options.ImpersonateUser);
                case AuthorizedUserType:
                    if (!string.IsNullOrWhiteSpace(options.ImpersonateUser))
                    {
                        throw new InvalidOperationException(
                            $"VideoVault:Drive:ImpersonateUser is set but '{path}' is an authorized_user credential; impersonation needs a service-account key with domain-wide delegation. Remove ImpersonateUser or use a service-account key.");
                    }

                    // The refresh token carries the scopes it was granted with; a user credential cannot be re-scoped.
                    return LoadAuthorizedUser(path);
                default:
                    throw new InvalidOperationException(
                        $"The credentials file '{path}' has type '{type}'. VideoVault:Drive supports 'service_account' (a key created under IAM > Service accounts > Keys) and 'authorized_user' (an OAuth client's refresh token).");
            }
        }
        catch (Exception ex) when (ex is not InvalidOperationException and not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"The credentials file '{path}' (type '{type}') could not be loaded: {ex.Message} Download a fresh key from the Google Cloud console.", ex);
        }
    }

    /// <summary>
    /// CredentialFactory's UserCredential ignores the file's <c>token_uri</c> and always refreshes at Google; a file
    /// that names another token endpoint (an emulator, a test server) gets a flow that uses it.
    /// </summary>
    private static GoogleCredential LoadAuthorizedUser(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var tokenUri = root.TryGetProperty("token_uri", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (string.IsNullOrEmpty(tokenUri) || tokenUri == GoogleAuthConsts.OidcTokenUrl || tokenUri == GoogleAuthConsts.TokenUrl)
        {
            return CredentialFactory.FromFile<UserCredential>(path).ToGoogleCredential();
        }

        string Required(string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new InvalidOperationException($"The authorized_user credentials file '{path}' has no \"{name}\".");

        var flow = new AuthorizationCodeFlow(new AuthorizationCodeFlow.Initializer(GoogleAuthConsts.OidcAuthorizationUrl, tokenUri)
        {
            ClientSecrets = new ClientSecrets { ClientId = Required("client_id"), ClientSecret = Required("client_secret") },
        });
        return new UserCredential(flow, "user", new TokenResponse { RefreshToken = Required("refresh_token") }).ToGoogleCredential();
    }

    private static string ReadType(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The Drive credentials file '{Path.GetFullPath(path)}' (VideoVault:Drive:CredentialsPath) cannot be read: {ex.Message} Check the path and that the host's user may read it.", ex);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                ? type.GetString()!
                : throw new InvalidOperationException(
                    $"The Drive credentials file '{path}' has no \"type\" property; expected a service-account key or an authorized_user JSON as downloaded from Google.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"The Drive credentials file '{path}' is not valid JSON ({ex.Message}); expected a service-account key or an authorized_user JSON as downloaded from Google.", ex);
        }
    }
}
