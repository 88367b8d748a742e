using VideoVault.FakeDrive;
using VideoVault.Mirroring.GoogleDrive;

namespace VideoVault.Core.Tests.Mirroring.GoogleDrive;

public sealed class GoogleDriveMirrorOptionsValidatorTests : IAsyncLifetime
{
    private readonly GoogleDriveMirrorOptionsValidator _validator = new();
    private DriveTestEnvironment _env = null!;

    public async Task InitializeAsync() => _env = await DriveTestEnvironment.StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public void Disabled_options_are_valid_whatever_else_is_set()
    {
        _validator.Validate(null, new GoogleDriveMirrorOptions { ChunkSizeBytes = 1 }).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Enabled_options_with_a_readable_key_and_a_folder_are_valid()
    {
        _validator.Validate(null, _env.Options()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Enabled_without_credentials_or_folder_names_both_settings_and_their_environment_variables()
    {
        var result = _validator.Validate(null, new GoogleDriveMirrorOptions { Enabled = true });

        result.Failed.Should().BeTrue();
        result.Failures.Should().Contain(f => f.Contains("VideoVault:Drive:FolderId is not set", StringComparison.Ordinal) && f.Contains("VideoVault__Drive__FolderId", StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.Contains("VideoVault:Drive:CredentialsPath is not set", StringComparison.Ordinal) && f.Contains("VideoVault__Drive__CredentialsPath", StringComparison.Ordinal));
    }

    [Fact]
    public void A_credentials_path_that_does_not_exist_is_named_in_the_failure()
    {
        var missing = Path.Combine(_env.Directory, "nope.json");

        var result = _validator.Validate(null, _env.Options(o => o.CredentialsPath = missing));

        result.FailureMessage.Should().Contain(missing).And.Contain("does not exist");
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("{\"client_email\":\"x\"}", "no \"type\" property")]
    [InlineData("{\"type\":\"external_account\"}", "supports 'service_account'")]
    public void An_unusable_credentials_file_says_why(string content, string expected)
    {
        var path = Path.Combine(_env.Directory, "bad.json");
        File.WriteAllText(path, content);

        var result = _validator.Validate(null, _env.Options(o => o.CredentialsPath = path));

        result.FailureMessage.Should().Contain(expected);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(262144 + 1)]
    [InlineData(0)]
    public void A_chunk_size_that_is_not_a_multiple_of_256_KiB_fails(int chunkSize)
    {
        var result = _validator.Validate(null, _env.Options(o => o.ChunkSizeBytes = chunkSize));

        result.FailureMessage.Should().Contain("ChunkSizeBytes").And.Contain("262144");
    }

    [Fact]
    public void Out_of_range_numbers_each_get_a_message()
    {
        var result = _validator.Validate(null, _env.Options(o =>
        {
            o.MaxParallelUploads = 0;
            o.MaxAttempts = 0;
            o.InitialBackoff = TimeSpan.FromMinutes(10);
            o.MaxBackoff = TimeSpan.FromMinutes(1);
            o.WaitForMirrorSeconds = -1;
        }));

        result.Failures.Should().HaveCount(4);
        result.FailureMessage.Should().Contain("MaxParallelUploads").And.Contain("MaxAttempts").And.Contain("InitialBackoff").And.Contain("WaitForMirrorSeconds");
    }

    [Fact]
    public void A_background_check_pace_that_is_not_positive_names_the_setting_and_how_to_turn_it_off()
    {
        var result = _validator.Validate(null, _env.Options(o =>
        {
            o.CopyCheckInterval = TimeSpan.Zero;
            o.CopyCheckMaxAge = TimeSpan.FromDays(-1);
        }));
        var off = _validator.Validate(null, _env.Options(o =>
        {
            o.CheckCopiesInBackground = false;
            o.CopyCheckInterval = TimeSpan.Zero;
        }));

        result.Failures.Should().HaveCount(2);
        result.FailureMessage.Should().Contain("VideoVault:Drive:CopyCheckInterval").And.Contain("VideoVault:Drive:CopyCheckMaxAge").And.Contain("CheckCopiesInBackground to false");
        off.Succeeded.Should().BeTrue("the pace does not matter when the background check is off");
    }

    [Fact]
    public void The_defaults_are_those_documented()
    {
        var options = new GoogleDriveMirrorOptions();

        options.Should().BeEquivalentTo(new
        {
            Enabled = false,
            Scope = FakeDriveServer.DriveFileScope,
            ChunkSizeBytes = 8 * 1024 * 1024,
            MaxParallelUploads = 2,
            BaseUri = new Uri("https://www.googleapis.com/"),
            WaitForMirrorSeconds = 0,
            CheckCopiesInBackground = true,
            CopyCheckInterval = TimeSpan.FromMinutes(1),
            CopyCheckMaxAge = TimeSpan.FromDays(30),
        }, o => o.ExcludingMissingMembers());
    }
}
