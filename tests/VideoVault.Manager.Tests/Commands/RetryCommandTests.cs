using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class RetryCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _failed1 = null!;
    private VideoRecord _failed2 = null!;
    private VideoRecord _mirrored = null!;

    public async Task InitializeAsync()
    {
        _failed1 = await _vault.SaveAsync("f1.mp4", TimeSpan.FromDays(3), MirrorState.Failed);
        _failed2 = await _vault.SaveAsync("f2.mp4", TimeSpan.FromDays(2), MirrorState.Failed);
        _mirrored = await _vault.SaveAsync("ok.mp4", TimeSpan.FromDays(1), MirrorState.Mirrored);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Retry_of_one_failed_video_puts_it_back_in_the_queue()
    {
        var result = await _vault.RunAsync("retry", _failed1.StoredName);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain($"requeued {_failed1.StoredName} (was failed)");
        (await _vault.Store.FindAsync(_failed1.Id))!.Mirror.State.Should().Be(MirrorState.Pending);
        (await _vault.Store.FindAsync(_failed2.Id))!.Mirror.State.Should().Be(MirrorState.Failed);
        var events = await _vault.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = _failed1.Id });
        events[^1].Kind.Should().Be(VideoEventKind.MirrorRequeued);
    }

    [Fact]
    public async Task Retry_all_failed_requeues_every_failed_video_and_names_them()
    {
        var result = await _vault.RunAsync("retry", "--all-failed");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain(_failed1.StoredName).And.Contain(_failed2.StoredName).And.Contain("requeued 2 video(s)");
        result.Stdout.Should().Contain("storageQuotaExceeded");
        (await _vault.Store.FindAsync(_failed2.Id))!.Mirror.State.Should().Be(MirrorState.Pending);
        (await _vault.Store.FindAsync(_mirrored.Id))!.Mirror.State.Should().Be(MirrorState.Mirrored);

        (await _vault.RunAsync("retry", "--all-failed")).Stdout.Trim().Should().Be("no failed mirrors to retry");
    }

    [Fact]
    public async Task Retry_of_a_video_that_has_not_failed_is_refused()
    {
        var result = await _vault.RunAsync("retry", _mirrored.Id);

        result.ExitCode.Should().Be(1);
        result.StderrLines.Should().ContainSingle().Which.Should().Contain("has not failed (drive: mirrored)");
    }

    [Theory]
    [InlineData]
    [InlineData("some.mp4", "--all-failed")]
    public async Task Retry_needs_exactly_one_target(params string[] args)
    {
        var result = await _vault.RunAsync(["retry", .. args]);

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().ContainSingle().Which.Should().Contain("--all-failed");
    }
}
