using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using VideoVault.FakeDrive;
using VideoVault.Manager.Tests.TestSupport;
using VideoVault.Manifest;

namespace VideoVault.Manager.Tests.Commands;

/// <summary>
/// <c>verify --drive</c> in-process against a real store and the fake Drive over loopback, configured the way an admin
/// configures the tool: the host's <c>VideoVault__Drive__*</c> variables.
/// </summary>
public sealed class VerifyDriveCommandTests : IAsyncLifetime
{
    private const string FolderId = "folder-videovault-tool-tests";

    private readonly TestVault _vault = new();
    private readonly TempDirectory _secrets = new();
    private FakeDriveServer _drive = null!;
    private Dictionary<string, string> _environment = null!;

    public async Task InitializeAsync()
    {
        _drive = await FakeDriveServer.StartAsync();
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VideoVault__Drive__Enabled"] = "true",
            ["VideoVault__Drive__CredentialsPath"] = _drive.CreateServiceAccountKeyFile(_secrets.Path),
            ["VideoVault__Drive__FolderId"] = FolderId,
            ["VideoVault__Drive__BaseUri"] = _drive.BaseUri.AbsoluteUri,
        };
    }

    public async Task DisposeAsync()
    {
        await _vault.DisposeAsync();
        await _drive.DisposeAsync();
        _secrets.Dispose();
    }

    [Fact]
    public async Task A_copy_deleted_on_Drive_and_one_with_altered_bytes_are_found_and_requeued_and_an_intact_one_is_recorded()
    {
        var deleted = await MirroredAsync("deleted.mp4", TimeSpan.FromDays(3));
        var altered = await MirroredAsync("altered.mp4", TimeSpan.FromDays(2));
        var intact = await MirroredAsync("intact.mp4", TimeSpan.FromDays(1));
        _drive.RemoveFile(deleted.Mirror.RemoteFileId!).Should().BeTrue();
        _drive.CorruptContent(altered.Mirror.RemoteFileId!, 300).Should().BeTrue();

        var result = await RunAsync("verify", "--drive");

        result.ExitCode.Should().Be(1, result.ToString());
        result.StdoutLines.Should().Contain(line => line.StartsWith("MISSING", StringComparison.Ordinal) && line.Contains(" re-queued ", StringComparison.Ordinal)
            && line.Contains(deleted.StoredName, StringComparison.Ordinal) && line.Contains("(404 not found); re-queued: the host's mirror worker uploads the intact local copy again", StringComparison.Ordinal));
        result.StdoutLines.Should().Contain(line => line.StartsWith("CORRUPT", StringComparison.Ordinal) && line.Contains(" re-queued ", StringComparison.Ordinal)
            && line.Contains(altered.StoredName, StringComparison.Ordinal) && line.Contains("re-queued: the host's mirror worker replaces it with the intact local copy", StringComparison.Ordinal));
        result.StdoutLines.Should().NotContain(line => line.Contains(intact.StoredName, StringComparison.Ordinal), "intact copies are only counted");
        result.StdoutLines[^1].Should().StartWith("3 Drive cop(ies) checked: 1 intact, 0 unverified, 1 missing, 1 corrupt, 0 not checked; 2 re-queued, 0 LOST; in ");
        result.StderrLines[^1].Should().Be("error: verify --drive found 1 missing and 1 corrupt Drive cop(ies): 2 re-queued for upload, 0 LOST");

        (await _vault.Store.FindAsync(deleted.Id))!.Mirror.State.Should().Be(MirrorState.Pending, "back in the queue for the host's mirror worker");
        (await _vault.Store.FindAsync(altered.Id))!.Mirror.State.Should().Be(MirrorState.Pending);
        (await KindsAsync(deleted)).Should().ContainInOrder(VideoEventKind.MirrorCopyMissing, VideoEventKind.MirrorRequeued);
        (await KindsAsync(altered)).Should().ContainInOrder(VideoEventKind.MirrorCopyCorrupt, VideoEventKind.MirrorRequeued);
        (await KindsAsync(intact))[^1].Should().Be(VideoEventKind.MirrorCopyVerified);
        (await _vault.Store.FindAsync(intact.Id))!.Mirror.State.Should().Be(MirrorState.Mirrored);
    }

    [Fact]
    public async Task A_lost_copy_without_a_local_file_is_reported_LOST_raised_and_exits_one()
    {
        var video = await MirroredAsync("only-copy.mp4", TimeSpan.FromDays(1));
        File.Delete(_vault.PathOf(video));
        _drive.RemoveFile(video.Mirror.RemoteFileId!);

        var text = await RunAsync("verify", "--drive", video.StoredName);

        text.ExitCode.Should().Be(1, text.ToString());
        text.StdoutLines.Should().Contain(line => line.StartsWith("MISSING", StringComparison.Ordinal) && line.Contains(" LOST ", StringComparison.Ordinal)
            && line.Contains($"LOST, no local copy (the file {video.RelativePath} is missing): restore impossible", StringComparison.Ordinal));
        text.StderrLines[^1].Should().Be("error: verify --drive found 1 missing and 0 corrupt Drive cop(ies): 0 re-queued for upload, 1 LOST");
        var record = (await _vault.Store.FindAsync(video.Id))!;
        record.Mirror.State.Should().Be(MirrorState.Failed);
        record.Mirror.LastError.Should().Contain("LOST");
        (await KindsAsync(video)).Should().ContainInOrder(VideoEventKind.FileMissing, VideoEventKind.MirrorCopyMissing);
        OutboxKindsOf(video).Should().Contain("mirrorcopylost", "the host's MirrorCopyLost event is in the outbox its dispatcher delivers");

        // Once raised, the video is failed, not mirrored: a second run has nothing of it to check.
        var again = await RunAsync("verify", "--drive", video.StoredName, "--json");
        again.ExitCode.Should().Be(1);
        again.StderrLines[^1].Should().Contain("has no verified copy on Drive to check (drive: failed)");
    }

    [Fact]
    public async Task An_intact_copy_is_reported_as_json_with_what_was_compared_and_exits_zero()
    {
        var video = await MirroredAsync("fine.mp4", TimeSpan.FromDays(1));

        var result = await RunAsync("verify", "--drive", video.Id, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var first = json.RootElement.GetProperty("results")[0];
        first.GetProperty("outcome").GetString().Should().Be("intact");
        first.GetProperty("action").GetString().Should().Be("none");
        first.GetProperty("sha256_compared").GetBoolean().Should().BeTrue();
        first.GetProperty("md5_compared").GetBoolean().Should().BeTrue();
        first.GetProperty("drive_file_id").GetString().Should().Be(video.Mirror.RemoteFileId);
        first.GetProperty("detail").GetString().Should().EndWith("; recorded as verified");
        first.GetProperty("video").GetProperty("video_id").GetString().Should().Be(video.Id);
        json.RootElement.GetProperty("intact").GetInt32().Should().Be(1);
        json.RootElement.GetProperty("lost").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Without_the_Drive_variables_it_says_Drive_is_not_configured_and_which_variables_to_set()
    {
        await _vault.SaveAsync("any.mp4", TimeSpan.FromDays(1));

        var result = await VideoVaultCliRunner.RunAsync(["--root", _vault.Root, "verify", "--drive"], string.Empty, _ => null);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: Google Drive is not configured")
            .And.Contain("VideoVault__Drive__Enabled=true").And.Contain("VideoVault__Drive__CredentialsPath").And.Contain("VideoVault__Drive__FolderId");
        _drive.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_video_without_a_verified_copy_is_refused_and_a_name_with_all_is_a_usage_error()
    {
        var local = await _vault.SaveAsync("local-only.mp4", TimeSpan.FromDays(1));

        var refused = await RunAsync("verify", "--drive", local.StoredName);
        var both = await RunAsync("verify", "--drive", local.StoredName, "--all");

        refused.ExitCode.Should().Be(1);
        refused.StderrLines[^1].Should().Be($"error: '{local.StoredName}' has no verified copy on Drive to check (drive: disabled)");
        both.ExitCode.Should().Be(2);
        both.Stderr.Should().Contain("give either NAME|ID or --all, not both");
    }

    private Task<CliResult> RunAsync(params string[] args) =>
        VideoVaultCliRunner.RunAsync(["--root", _vault.Root, .. args], string.Empty, name => _environment.GetValueOrDefault(name));

    /// <summary>
    /// Saves a video, puts its bytes in the fake Drive's folder and records it mirrored with their MD5, as the host's
    /// mirror worker does after verifying an upload.
    /// </summary>
    private async Task<VideoRecord> MirroredAsync(string name, TimeSpan age)
    {
        var video = await _vault.SaveAsync(name, age, MirrorState.Pending);
        var bytes = await File.ReadAllBytesAsync(_vault.PathOf(video));
        var file = _drive.AddFile(video.StoredName, bytes, FolderId, new Dictionary<string, string> { ["videoVaultId"] = video.Id });
        var queue = (IMirrorQueue)_vault.Manifest;
        (await queue.ClaimDueAsync(100)).Select(job => job.Video.Id).Should().Contain(video.Id);
        (await queue.MarkMirroredAsync(video.Id, file.Id, $"https://drive.example/{file.Id}", Convert.ToHexStringLower(MD5.HashData(bytes)))).Should().BeTrue();
        await queue.RecoverInterruptedAsync();
        return (await _vault.Store.FindAsync(video.Id))!;
    }

    private async Task<List<VideoEventKind>> KindsAsync(VideoRecord video) =>
        [.. (await _vault.Manifest.GetEventsAsync(new VideoEventQuery { VideoId = video.Id })).Select(e => e.Kind)];

    private List<string> OutboxKindsOf(VideoRecord video)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_vault.Root, "manifest.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind FROM notifications WHERE video_id = @id ORDER BY seq;";
        command.Parameters.AddWithValue("@id", video.Id);
        using var reader = command.ExecuteReader();
        var kinds = new List<string>();
        while (reader.Read())
        {
            kinds.Add(reader.GetString(0));
        }

        return kinds;
    }
}
