using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Cli;

public sealed class StrayOptionsTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _video = null!;

    public async Task InitializeAsync() => _video = await _vault.SaveAsync("-dashed-start.mp4", TimeSpan.FromDays(1), MirrorState.Failed);

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Theory]
    [InlineData("--jsn", "verify", "--jsn")]
    [InlineData("--jsn", "retry", "--jsn")]
    [InlineData("--jsn", "info", "--jsn")]
    [InlineData("--frce", "delete", "--frce", "--yes")]
    [InlineData("-x", "verify", "-x")]
    [InlineData("--jsn", "find", "--jsn")]
    public async Task A_mistyped_option_is_a_usage_error_not_a_video_name(string typo, params string[] args)
    {
        var result = await _vault.RunAsync(args);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().ContainSingle().Which.Should()
            .StartWith($"error: unknown option '{typo}'").And.EndWith("(see 'videovault --help')");
        (await _vault.Store.FindAsync(_video.Id)).Should().NotBeNull("delete must not have run");
    }

    [Fact]
    public async Task A_mistyped_option_beside_a_real_video_name_is_still_a_usage_error()
    {
        var result = await _vault.RunAsync("retry", _video.StoredName, "--all-faild");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StderrLines.Should().ContainSingle().Which.Should().Contain("'--all-faild'");
        (await _vault.Store.FindAsync(_video.Id))!.Mirror.State.Should().Be(MirrorState.Failed, "nothing was requeued");
    }

    [Fact]
    public async Task Find_text_that_starts_with_a_dash_is_accepted_after_double_dash()
    {
        var result = await _vault.RunAsync("find", "--", "-dashed");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain(_video.StoredName);
    }

    [Fact]
    public async Task A_stored_name_that_starts_with_a_dash_is_found_after_double_dash()
    {
        // Adopted files keep their own names, so a stored name can start with '-'.
        var folder = Path.GetDirectoryName(_vault.PathOf(_video))!;
        var path = Path.Combine(folder, "-odd.mp4");
        await File.WriteAllBytesAsync(path, TestVideos.Mp4(seed: 42));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-2));
        (await _vault.RunAsync("reconcile")).StdoutLines.Should().Contain(line => line.Contains("-odd.mp4", StringComparison.Ordinal));

        var result = await _vault.RunAsync("info", "--", "-odd.mp4");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("-odd.mp4").And.Contain("adopted");
    }
}
