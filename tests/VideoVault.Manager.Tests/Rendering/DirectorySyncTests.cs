using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Tests.Rendering;

public sealed class DirectorySyncTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Flushing_a_real_folder_after_a_rename_succeeds()
    {
        var temp = Path.Combine(_temp.Path, "export.tmp");
        File.WriteAllText(temp, "content");
        File.Move(temp, Path.Combine(_temp.Path, "export.json"));

        var flush = () => DirectorySync.Flush(_temp.Path);

        flush.Should().NotThrow();
    }

    [Fact]
    public void A_failed_open_is_reported_not_ignored()
    {
        var missing = Path.Combine(_temp.Path, "gone");

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
