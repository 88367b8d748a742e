using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Tests.Rendering;

public sealed class DirectorySyncTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vv-dirsync-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Flushing_a_real_folder_after_a_rename_succeeds()
    {
        var temp = Path.Combine(_folder, "export.tmp");
        File.WriteAllText(temp, "content");
        File.Move(temp, Path.Combine(_folder, "export.json"));

        var flush = () => DirectorySync.Flush(_folder);

        flush.Should().NotThrow();
    }

    [Fact]
    public void A_failed_open_is_reported_not_ignored()
    {
        var missing = Path.Combine(_folder, "gone");

        var flush = () => DirectorySync.Flush(missing);

        if (OperatingSystem.IsLinux())
        {
            flush.Should().Throw<IOException>().WithMessage($"open of folder '{missing}' failed: *(errno 2)");
        }
        else
        {
            flush.Should().NotThrow("directories are only flushed on Linux");
        }
    }
}
