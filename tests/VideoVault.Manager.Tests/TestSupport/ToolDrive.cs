using VideoVault.FakeDrive;
using VideoVault.Manifest;

namespace VideoVault.Manager.Tests.TestSupport;

/// <summary>
/// The fake Drive on loopback for the tool's Drive commands: puts a <see cref="TestVault"/> video's bytes on it and
/// marks the video mirrored there (as the host's mirror worker would), and gives the tool the host's
/// <c>VideoVault__Drive__*</c> environment variables pointing at it.
/// </summary>
internal sealed class ToolDrive : IAsyncDisposable
{
    public const string FolderId = "folder-videovault-tool-tests";

    private readonly TempDirectory _secrets = new();

    private ToolDrive(FakeDriveServer server)
    {
        Server = server;
        KeyPath = server.CreateServiceAccountKeyFile(_secrets.Path);
    }

    public FakeDriveServer Server { get; }

    public string KeyPath { get; }

    public static async Task<ToolDrive> StartAsync() => new(await FakeDriveServer.StartAsync());

    /// <summary>Saves a video whose bytes are also on the fake Drive, recorded as mirrored there.</summary>
    public async Task<(VideoRecord Video, byte[] Content)> SaveMirroredAsync(TestVault vault, string name, TimeSpan age, int size = 300_000, int seed = 0)
    {
        var content = TestVideos.Mp4(size, seed);
        var pending = await vault.SaveAsync(name, age, MirrorState.Pending, content: content);
        var file = Server.AddFile(pending.StoredName, content, FolderId, new Dictionary<string, string> { ["videoVaultId"] = pending.Id });
        var queue = (IMirrorQueue)vault.Manifest;
        (await queue.ClaimDueAsync(100)).Select(job => job.Video.Id).Should().Contain(pending.Id);
        (await queue.MarkMirroredAsync(pending.Id, file.Id, $"https://drive.google.com/file/d/{file.Id}/view")).Should().BeTrue();
        await queue.RecoverInterruptedAsync();
        return ((await vault.Manifest.FindAsync(pending.Id))!, content);
    }

    /// <summary>The host's Drive settings for the tool, as environment variables; nothing else is set.</summary>
    public string? Environment(string name) => name switch
    {
        "VideoVault__Drive__Enabled" => "true",
        "VideoVault__Drive__CredentialsPath" => KeyPath,
        "VideoVault__Drive__FolderId" => FolderId,
        "VideoVault__Drive__BaseUri" => Server.BaseUri.AbsoluteUri,
        "VideoVault__Drive__InitialBackoff" => "00:00:00.010",
        "VideoVault__Drive__MaxBackoff" => "00:00:00.200",
        _ => null,
    };

    /// <summary>Runs the tool against <paramref name="vault"/> with this Drive's settings in its environment.</summary>
    public Task<CliResult> RunAsync(TestVault vault, params string[] args) =>
        VideoVaultCliRunner.RunAsync(["--root", vault.Root, .. args], string.Empty, Environment);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _secrets.Dispose();
    }
}
