using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace VideoVault.FakeDrive;

/// <summary>
/// A fake Google Drive v3 on a real Kestrel loopback port, built from the documented protocol: the OAuth token
/// endpoint (jwt-bearer and refresh_token grants), resumable uploads (initiation, chunk PUTs with 308 + Range,
/// status queries), files.get/list/delete, downloads (files.get with alt=media, with byte ranges) and files.generateIds, with an in-memory file store, a request log and
/// scripted faults. Every Drive request needs a bearer token the fake issued.
/// </summary>
public sealed partial class FakeDriveServer : IAsyncDisposable
{
    /// <summary>The <c>drive.file</c> scope.</summary>
    public const string DriveFileScope = "https://www.googleapis.com/auth/drive.file";

    private readonly WebApplication _app;
    private readonly FakeDriveState _state;
    private readonly FakeDriveHandler _handler;

    private FakeDriveServer(WebApplication app, FakeDriveState state, FakeDriveHandler handler, FakeDriveFaults faults, Uri baseUri)
    {
        _app = app;
        _state = state;
        _handler = handler;
        Faults = faults;
        BaseUri = baseUri;
    }

    /// <summary>The root of the fake, ending with <c>/</c>: Drive calls go to <c>{BaseUri}drive/v3/...</c> and <c>{BaseUri}upload/drive/v3/...</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The OAuth token endpoint (<c>{BaseUri}token</c>), to put in a key file's <c>token_uri</c>.</summary>
    public Uri TokenUri => new(BaseUri, "token");

    /// <summary>The fault script.</summary>
    public FakeDriveFaults Faults { get; }

    /// <summary>Every request handled so far, in arrival order.</summary>
    public IReadOnlyList<FakeDriveRequest> Requests => _handler.Log;

    /// <summary>Every stored file, in creation order (trashed ones included).</summary>
    public IReadOnlyList<FakeDriveFile> Files
    {
        get
        {
            lock (_state.Gate)
            {
                return [.. _state.Files.Values];
            }
        }
    }

    /// <summary>Every token the <c>/token</c> endpoint issued, in order.</summary>
    public IReadOnlyList<FakeDriveTokenGrant> TokenGrants
    {
        get
        {
            lock (_state.Gate)
            {
                return [.. _state.Grants];
            }
        }
    }

    /// <summary>The most files a list page holds, whatever <c>pageSize</c> asks (Drive may return short pages). Default 1000.</summary>
    public int MaxListPageSize
    {
        get => _handler.MaxListPageSize;
        set => _handler.MaxListPageSize = value;
    }

    /// <summary>Starts a fake on <c>http://127.0.0.1:0</c>.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running fake.</returns>
    public static async Task<FakeDriveServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.Limits.MaxRequestBodySize = null;
            options.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var state = new FakeDriveState();
        var faults = new FakeDriveFaults();
        Uri? baseUri = null;
        var handler = new FakeDriveHandler(state, faults, () => baseUri!, TimeProvider.System);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        baseUri = new Uri(address.TrimEnd('/') + "/");
        return new FakeDriveServer(app, state, handler, faults, baseUri);
    }

    /// <summary>Accepts JWT assertions signed by this key for <paramref name="clientEmail"/>.</summary>
    /// <param name="clientEmail">The service account's <c>client_email</c> (the JWT's <c>iss</c>).</param>
    /// <param name="privateKeyId">The key file's <c>private_key_id</c> (the JWT's <c>kid</c>).</param>
    /// <param name="publicKeyPem">The public key, PEM.</param>
    public void RegisterServiceAccountKey(string clientEmail, string privateKeyId, string publicKeyPem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        lock (_state.Gate)
        {
            _state.ServiceAccountKeys[privateKeyId] = (clientEmail, rsa);
        }
    }

    /// <summary>Accepts a refresh-token grant for an OAuth client.</summary>
    /// <param name="clientId">The OAuth client id.</param>
    /// <param name="clientSecret">The OAuth client secret.</param>
    /// <param name="refreshToken">The refresh token.</param>
    public void RegisterRefreshToken(string clientId, string clientSecret, string refreshToken)
    {
        lock (_state.Gate)
        {
            _state.RefreshTokens[refreshToken] = (clientId, clientSecret);
        }
    }

    /// <summary>
    /// Writes a throwaway service-account key file (a fresh RSA 2048 key, <c>token_uri</c> pointing at this fake)
    /// into <paramref name="directory"/> and registers its public key.
    /// </summary>
    /// <param name="directory">Where to write the file.</param>
    /// <param name="clientEmail">The account's e-mail.</param>
    /// <returns>The path of the key file.</returns>
    public string CreateServiceAccountKeyFile(string directory, string clientEmail = "mirror@videovault-tests.iam.gserviceaccount.com")
    {
        using var rsa = RSA.Create(2048);
        var keyId = RandomNumberGenerator.GetHexString(40, lowercase: true);
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "videovault-tests",
            ["private_key_id"] = keyId,
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = clientEmail,
            ["client_id"] = "100000000000000000001",
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
            ["token_uri"] = TokenUri.AbsoluteUri,
        });
        RegisterServiceAccountKey(clientEmail, keyId, rsa.ExportSubjectPublicKeyInfoPem());
        var path = Path.Combine(directory, $"service-account-{keyId[..8]}.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Writes a throwaway OAuth <c>authorized_user</c> file whose refresh token this fake accepts.</summary>
    /// <param name="directory">Where to write the file.</param>
    /// <returns>The path of the file.</returns>
    public string CreateAuthorizedUserFile(string directory)
    {
        var clientId = "videovault-tests.apps.googleusercontent.com";
        var secret = RandomNumberGenerator.GetHexString(24, lowercase: true);
        var refreshToken = "1//" + RandomNumberGenerator.GetHexString(40, lowercase: true);
        RegisterRefreshToken(clientId, secret, refreshToken);
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "authorized_user",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["refresh_token"] = refreshToken,
            ["token_uri"] = TokenUri.AbsoluteUri,
        });
        var path = Path.Combine(directory, $"authorized-user-{secret[..8]}.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Issues an access token directly, for tests that talk to the fake over a plain HttpClient.</summary>
    /// <param name="scope">The scope recorded with the token.</param>
    /// <returns>The bearer token.</returns>
    public string IssueAccessToken(string scope = DriveFileScope)
    {
        var grant = new FakeDriveTokenGrant(FakeDriveState.NewToken("ya29.direct-"), "direct", "test", scope, null);
        lock (_state.Gate)
        {
            _state.Tokens[grant.AccessToken] = grant;
            _state.Grants.Add(grant);
        }

        return grant.AccessToken;
    }

    /// <summary>Finds a stored file.</summary>
    /// <param name="id">The file id.</param>
    /// <returns>The file, or null.</returns>
    public FakeDriveFile? FindFile(string id)
    {
        lock (_state.Gate)
        {
            return _state.Files.GetValueOrDefault(id);
        }
    }

    /// <summary>Stores a file directly (as if uploaded earlier), for list/get/delete tests.</summary>
    /// <param name="name">The name.</param>
    /// <param name="content">The content.</param>
    /// <param name="parent">The parent folder id, if any.</param>
    /// <param name="appProperties">The app properties, if any.</param>
    /// <param name="trashed">Whether the file is in the trash.</param>
    /// <returns>The stored file.</returns>
    public FakeDriveFile AddFile(string name, byte[] content, string? parent = null, IReadOnlyDictionary<string, string>? appProperties = null, bool trashed = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        var file = new FakeDriveFile
        {
            Id = FakeDriveState.NewDriveId(),
            Name = name,
            MimeType = "application/octet-stream",
            Parents = parent is null ? [] : [parent],
            AppProperties = appProperties ?? new Dictionary<string, string>(),
            Content = content,
            Trashed = trashed,
            CreatedTime = TimeProvider.System.GetUtcNow(),
        };
        lock (_state.Gate)
        {
            _state.Files[file.Id] = file;
        }

        return file;
    }

    /// <summary>Forgets an upload session, as Drive does after a week (its URI then answers 404).</summary>
    /// <param name="sessionUri">The session URI.</param>
    /// <returns>Whether the session existed.</returns>
    public bool ExpireSession(Uri sessionUri)
    {
        var uploadId = UploadIdOf(sessionUri);
        lock (_state.Gate)
        {
            return uploadId is not null && _state.Sessions.Remove(uploadId);
        }
    }

    /// <summary>How many bytes a session has persisted, or null when it does not exist.</summary>
    /// <param name="sessionUri">The session URI.</param>
    /// <returns>The persisted byte count.</returns>
    public long? PersistedBytes(Uri sessionUri)
    {
        var uploadId = UploadIdOf(sessionUri);
        lock (_state.Gate)
        {
            return uploadId is not null && _state.Sessions.TryGetValue(uploadId, out var s) ? s.Persisted : null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _state.Dispose();
    }

    private static string? UploadIdOf(Uri sessionUri)
    {
        ArgumentNullException.ThrowIfNull(sessionUri);
        return System.Web.HttpUtility.ParseQueryString(sessionUri.Query)["upload_id"];
    }
}
