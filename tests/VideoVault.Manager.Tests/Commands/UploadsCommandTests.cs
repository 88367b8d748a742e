using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class UploadsCommandTests : IAsyncLifetime
{
    // The store's default expiry (24 h without progress) judged by the tool's real clock: the 30-hour-old upload
    // expired 6 hours ago, the 8-hour-old one has 16 hours left. The fake clock that made them stops at "8 hours ago",
    // before the old one's expiry, so the test vault's own sweep never removes it first.
    private static readonly TimeSpan OldAge = TimeSpan.FromHours(30);
    private static readonly TimeSpan FinishedAge = TimeSpan.FromHours(10);
    private static readonly TimeSpan YoungAge = TimeSpan.FromHours(8);

    private readonly TestVault _vault = new();
    private readonly byte[] _oldContent = TestVideos.Mp4(256 * 1024, seed: 1);
    private readonly byte[] _finishedContent = TestVideos.Mp4(32 * 1024, seed: 2);
    private readonly byte[] _youngContent = TestVideos.Mp4(128 * 1024, seed: 3);
    private StagedUpload _old = null!;
    private VideoRecord _finished = null!;
    private StagedUpload _young = null!;

    public async Task InitializeAsync()
    {
        _old = await _vault.StartUploadAsync("abandoned holiday.mp4", OldAge, _oldContent, received: 64 * 1024);
        var finishing = await _vault.StartUploadAsync("finished.mp4", FinishedAge, _finishedContent, received: 8 * 1024);
        _finished = await _vault.FinishUploadAsync(finishing, _finishedContent);
        _young = await _vault.StartUploadAsync("lecture-02.mp4", YoungAge, _youngContent, received: 16 * 1024, declareLength: false);
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Uploads_lists_each_upload_in_flight_with_bytes_received_of_declared_age_and_expiry()
    {
        var result = await _vault.RunAsync("uploads");

        result.ExitCode.Should().Be(0, result.ToString());
        var old = result.StdoutLines.Single(line => line.Contains(_old.Id, StringComparison.Ordinal));
        old.Should().Contain("abandoned holiday.mp4").And.Contain("64.0 KiB of 256.0 KiB (25 %)");
        old.Should().MatchRegex(@"\b1d 0[56]h\b").And.EndWith("expired");
        old.Should().Contain(VideoVault.Manager.Rendering.LocalTime.Format(_old.ExpiresAt));
        var young = result.StdoutLines.Single(line => line.Contains(_young.Id, StringComparison.Ordinal));
        young.Should().Contain("lecture-02.mp4").And.Contain("16.0 KiB of ?", "its length is deferred");
        young.Should().MatchRegex(@"\b[78]h \d\dm\b").And.EndWith("in progress");
        result.Stdout.Should().NotContain("finished.mp4", "a completed upload is no longer in flight");
        result.Stdout.Should().Contain("2 upload(s) in flight, 80.0 KiB received");
        result.Stdout.Should().Contain("1 expired upload(s) are removed at the host's next sweep, or now with 'videovault uploads expire'");
    }

    [Fact]
    public async Task Uploads_json_has_snake_case_fields_and_all_adds_completed_uploads_with_their_video()
    {
        var result = await _vault.RunAsync("uploads", "--all", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var uploads = json.RootElement.GetProperty("uploads").EnumerateArray().ToList();
        uploads.Should().HaveCount(3);
        json.RootElement.GetProperty("count").GetInt32().Should().Be(3);
        json.RootElement.GetProperty("received_bytes").GetInt64().Should().Be(80 * 1024, "completed uploads hold no bytes of their own");
        uploads[0].EnumerateObject().Select(p => p.Name).Should().Equal(
            "upload_id", "original_filename", "category", "mime_type", "container", "state", "received_bytes", "length_bytes",
            "created_at", "updated_at", "expires_at", "age_seconds", "expired", "video_id");

        var old = uploads.Single(u => u.GetProperty("upload_id").GetString() == _old.Id);
        old.GetProperty("original_filename").GetString().Should().Be("abandoned holiday.mp4");
        old.GetProperty("category").GetString().Should().Be("Tutorial");
        old.GetProperty("state").GetString().Should().Be("expired");
        old.GetProperty("expired").GetBoolean().Should().BeTrue();
        old.GetProperty("received_bytes").GetInt64().Should().Be(64 * 1024);
        old.GetProperty("length_bytes").GetInt64().Should().Be(_oldContent.Length);
        old.GetProperty("container").GetString().Should().Be("mp4", "the first 4 KiB were sniffed");
        old.GetProperty("age_seconds").GetInt64().Should().BeInRange((long)OldAge.TotalSeconds - 60, (long)OldAge.TotalSeconds + 600);
        old.GetProperty("expires_at").GetString().Should().EndWith("Z");
        old.GetProperty("video_id").ValueKind.Should().Be(JsonValueKind.Null);

        var young = uploads.Single(u => u.GetProperty("upload_id").GetString() == _young.Id);
        young.GetProperty("state").GetString().Should().Be("in_progress");
        young.GetProperty("expired").GetBoolean().Should().BeFalse();
        young.GetProperty("length_bytes").ValueKind.Should().Be(JsonValueKind.Null);

        var finished = uploads.Single(u => u.GetProperty("original_filename").GetString() == "finished.mp4");
        finished.GetProperty("state").GetString().Should().Be("completed");
        finished.GetProperty("video_id").GetString().Should().Be(_finished.Id);
        finished.GetProperty("received_bytes").GetInt64().Should().Be(_finishedContent.Length);
    }

    [Fact]
    public async Task Expire_dry_run_shows_what_would_go_and_removes_nothing()
    {
        var before = _vault.ResumableBytesOnDisk();

        var result = await _vault.RunAsync("uploads", "expire", "--dry-run");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("would expire 1 upload(s):");
        result.StdoutLines.Should().ContainSingle(line => line.Contains(_old.Id, StringComparison.Ordinal));
        result.Stdout.Should().NotContain(_young.Id);
        result.Stdout.Should().Contain("would free 64.0 KiB (dry run: run 'videovault uploads expire' to remove them)");
        (await _vault.GetUploadAsync(_old.Id)).Upload.Should().NotBeNull("a dry run removes nothing");
        _vault.ResumableBytesOnDisk().Should().Be(before);
    }

    [Fact]
    public async Task Expire_removes_expired_uploads_with_their_bytes_and_keeps_the_others()
    {
        var before = _vault.ResumableBytesOnDisk();

        var result = await _vault.RunAsync("uploads", "expire");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("expired 1 upload(s):").And.Contain(_old.Id).And.NotContain(_young.Id);
        result.Stdout.Should().Contain("freed 64.0 KiB");
        (await _vault.GetUploadAsync(_old.Id)).Outcome.Should().Be(StagedUploadOutcome.Unknown);
        var young = await _vault.GetUploadAsync(_young.Id);
        young.IsAccepted.Should().BeTrue(young.Reason);
        young.Upload!.Offset.Should().Be(16 * 1024);
        _vault.ResumableBytesOnDisk().Should().BeLessThanOrEqualTo(before - (64 * 1024), "the expired upload's bytes are freed");
        var events = await _vault.Manifest.GetEventsAsync(new VideoEventQuery());
        events.Should().Contain(e => e.Kind == VideoEventKind.UploadExpired);

        var again = await _vault.RunAsync("uploads", "expire");
        again.ExitCode.Should().Be(0, again.ToString());
        again.StdoutLines.Should().Equal("nothing to expire: no upload is past its expiry time");
        var list = await _vault.RunAsync("uploads");
        list.Stdout.Should().Contain(_young.Id).And.NotContain(_old.Id).And.NotContain("expired upload(s)");
    }

    [Fact]
    public async Task Expire_json_lists_the_removed_uploads_and_the_bytes_freed()
    {
        var dry = await _vault.RunAsync("uploads", "expire", "--dry-run", "--json");
        var real = await _vault.RunAsync("uploads", "expire", "--json");

        dry.ExitCode.Should().Be(0, dry.ToString());
        using var dryJson = JsonDocument.Parse(dry.Stdout);
        dryJson.RootElement.GetProperty("dry_run").GetBoolean().Should().BeTrue();
        dryJson.RootElement.GetProperty("would_expire").EnumerateArray().Select(u => u.GetProperty("upload_id").GetString()).Should().Equal(_old.Id);
        dryJson.RootElement.GetProperty("would_free_bytes").GetInt64().Should().Be(64 * 1024);

        real.ExitCode.Should().Be(0, real.ToString());
        using var realJson = JsonDocument.Parse(real.Stdout);
        realJson.RootElement.GetProperty("dry_run").GetBoolean().Should().BeFalse();
        realJson.RootElement.GetProperty("expired").EnumerateArray().Select(u => u.GetProperty("upload_id").GetString()).Should().Equal(_old.Id);
        realJson.RootElement.GetProperty("freed_bytes").GetInt64().Should().Be(64 * 1024);
    }
}
