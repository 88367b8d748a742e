using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests;

public sealed class VideoVaultCliTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();

    public async Task InitializeAsync() => await _vault.SaveAsync("x.mp4", TimeSpan.FromDays(1));

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Theory]
    [InlineData("lst")]
    [InlineData("info")]
    [InlineData("list", "--bogus")]
    [InlineData("cleanup", "many")]
    [InlineData("verify")]
    [InlineData("verify", "a.mp4", "--all")]
    [InlineData("uploads", "expire", "--dryrun")]
    public async Task A_usage_error_exits_two_with_one_error_line(params string[] args)
    {
        var result = await _vault.RunAsync(args);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: ").And.EndWith("(see 'videovault --help')");
    }

    [Fact]
    public async Task No_command_at_all_is_a_usage_error()
    {
        var result = await VideoVaultCliRunner.RunAsync();

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().ContainSingle().Which.Should().Contain("Required command was not provided");
    }

    [Fact]
    public async Task Help_lists_every_command_and_exits_zero()
    {
        var result = await VideoVaultCliRunner.RunAsync("--help");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("videovault [command] [options]");
        foreach (var command in new[] { "list", "stats", "find", "info", "delete", "cleanup", "manifest", "logs", "retry", "verify", "reconcile", "uploads" })
        {
            result.Stdout.Should().MatchRegex($@"(?m)^\s+{command}\b");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_root_without_a_store_is_a_usage_error_instead_of_a_new_store(bool rootOptionFirst)
    {
        var missing = Path.Combine(_vault.Root, "not-a-store");

        var result = rootOptionFirst
            ? await VideoVaultCliRunner.RunAsync("--root", missing, "list")
            : await VideoVaultCliRunner.RunAsync("list", "--root", missing);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().ContainSingle().Which.Should().Be(
            $"error: no VideoVault store at '{missing}' (no manifest.db); pass --root DIR or set VideoVault__RootPath");
        Directory.Exists(missing).Should().BeFalse();
    }

    [Fact]
    public async Task An_environment_root_that_is_an_empty_folder_is_a_usage_error()
    {
        var empty = Path.Combine(_vault.Root, "empty-folder");
        Directory.CreateDirectory(empty);

        var result = await VideoVaultCliRunner.RunAsync(["stats"], string.Empty, name => name == "VideoVault__RootPath" ? empty : null);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().StartWith($"error: no VideoVault store at '{empty}'");
        File.Exists(Path.Combine(empty, "manifest.db")).Should().BeFalse();
    }

    [Fact]
    public async Task The_root_comes_from_the_environment_when_no_option_is_given()
    {
        var result = await VideoVaultCliRunner.RunAsync(["stats", "--json"], string.Empty, name => name == "VideoVault__RootPath" ? _vault.Root : null);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("\"total_videos\": 1");
    }

    [Fact]
    public async Task A_corrupt_manifest_is_one_error_line_not_a_stack_trace()
    {
        var root = Path.Combine(_vault.Root, "broken");
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "manifest.db"), "this is not a SQLite database, just text that fills a page or so.");

        var result = await VideoVaultCliRunner.RunAsync("list", "--root", root);

        result.ExitCode.Should().Be(1);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: ");
        result.Stderr.Should().NotContain("   at ");
    }
}
