using VideoVault.FakeDrive;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Core.Tests.Mirroring.GoogleDrive;

public sealed class GoogleDriveCredentialLoaderTests : IAsyncLifetime
{
    private DriveTestEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await DriveTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task A_service_account_key_asks_for_the_configured_scope()
    {
        await _env.CreateClient(o => o.Scope = GoogleDriveMirrorOptions.DriveScope).GenerateIdsAsync(1);

        _env.Server.TokenGrants.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Client = "mirror@videovault-tests.iam.gserviceaccount.com",
            Scope = GoogleDriveMirrorOptions.DriveScope,
            Subject = (string?)null,
        });
    }

    [Fact]
    public async Task ImpersonateUser_puts_the_user_in_the_assertion_subject()
    {
        await _env.CreateClient(o => o.ImpersonateUser = "editor@example.org").GenerateIdsAsync(1);

        _env.Server.TokenGrants.Should().ContainSingle().Which.Subject.Should().Be("editor@example.org");
    }

    [Fact]
    public void An_authorized_user_file_loads_as_a_user_credential()
    {
        var path = _env.Server.CreateAuthorizedUserFile(_env.Directory);

        var credential = GoogleDriveCredentialLoader.Load(_env.Options(o => o.CredentialsPath = path));

        credential.UnderlyingCredential.Should().BeOfType<Google.Apis.Auth.OAuth2.UserCredential>();
    }

    [Fact]
    public async Task An_authorized_user_file_refreshes_its_token_at_the_token_uri_it_names()
    {
        var path = _env.Server.CreateAuthorizedUserFile(_env.Directory);

        await _env.CreateClient(o => o.CredentialsPath = path).GenerateIdsAsync(1);

        _env.Server.TokenGrants.Should().ContainSingle().Which.GrantType.Should().Be("refresh_token");
    }

    [Fact]
    public void An_authorized_user_file_with_ImpersonateUser_is_refused_with_a_fix()
    {
        var path = _env.Server.CreateAuthorizedUserFile(_env.Directory);

        var act = () => GoogleDriveCredentialLoader.Load(_env.Options(o =>
        {
            o.CredentialsPath = path;
            o.ImpersonateUser = "someone@example.org";
        }));

        act.Should().Throw<InvalidOperationException>().WithMessage("*domain-wide delegation*");
    }

    [Fact]
    public void A_service_account_key_with_a_broken_private_key_is_refused_with_a_fix()
    {
        var path = Path.Combine(_env.Directory, "broken.json");
        File.WriteAllText(path, File.ReadAllText(_env.KeyPath).Replace("MII", "XX", StringComparison.Ordinal));

        var act = () => GoogleDriveCredentialLoader.Load(_env.Options(o => o.CredentialsPath = path));

        act.Should().Throw<InvalidOperationException>().WithMessage("*could not be loaded*");
    }
}
