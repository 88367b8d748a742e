using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

public sealed class DurableFileSystemTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Move_without_replace_refuses_an_existing_destination_and_keeps_both_files()
    {
        var source = Path.Combine(_dir.Path, "new");
        var destination = Path.Combine(_dir.Path, "existing");
        File.WriteAllText(source, "new");
        File.WriteAllText(destination, "old");

        DurableFileSystem.TryMoveNoReplace(source, destination).Should().BeFalse();

        File.ReadAllText(destination).Should().Be("old");
        File.ReadAllText(source).Should().Be("new");
    }

    [Fact]
    public void Move_without_replace_moves_to_a_free_name()
    {
        var source = Path.Combine(_dir.Path, "new");
        var destination = Path.Combine(_dir.Path, "free");
        File.WriteAllText(source, "new");

        DurableFileSystem.TryMoveNoReplace(source, destination).Should().BeTrue();

        File.Exists(source).Should().BeFalse();
        File.ReadAllText(destination).Should().Be("new");
    }

    [Fact]
    public void Directory_sync_succeeds_on_a_directory_and_fails_loudly_on_a_missing_one()
    {
        DurableFileSystem.SyncDirectory(_dir.Path);

        var act = () => DurableFileSystem.SyncDirectory(Path.Combine(_dir.Path, "missing"));

        act.Should().Throw<IOException>().Which.HResult.Should().Be(2);
    }

    [Fact]
    public void Layout_check_passes_when_incoming_and_videos_share_a_file_system()
    {
        var paths = new VideoVaultPaths(_dir.Path);
        paths.EnsureCreated();

        FileSystemLayoutCheck.Verify(paths);

        Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void Relative_root_resolves_against_the_given_base_directory()
    {
        var paths = new VideoVaultPaths("vault", _dir.Path);

        paths.Root.Should().Be(Path.Combine(_dir.Path, "vault"));
        paths.Incoming.Should().Be(Path.Combine(_dir.Path, "vault", ".incoming"));
        paths.ManifestPath.Should().Be(Path.Combine(_dir.Path, "vault", "manifest.db"));
    }

    [Fact]
    public void Manifest_path_that_escapes_the_videos_folder_is_refused()
    {
        var paths = new VideoVaultPaths(_dir.Path);

        var act = () => paths.ResolveVideo("videos/../manifest.db");

        act.Should().Throw<InvalidOperationException>();
    }
}
