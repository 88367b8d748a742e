using System.Text.Json;
using VideoVault.Manager.Rendering;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class ReconcileCommandTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _kept = null!;
    private VideoRecord _lost = null!;

    public async Task InitializeAsync()
    {
        _kept = await _vault.SaveAsync("kept.mp4", TimeSpan.FromDays(2));
        _lost = await _vault.SaveAsync("lost.mp4", TimeSpan.FromDays(1));
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task A_store_that_agrees_with_its_manifest_is_clean()
    {
        var result = await _vault.RunAsync("reconcile");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StdoutLines[^1].Should().Be("0 adopted, 0 missing, 0 restored, 0 skipped, 0 stale temp file(s) swept; manifest and files agree");
    }

    [Fact]
    public async Task An_orphan_file_is_adopted_a_missing_file_is_flagged_and_only_stale_temp_files_are_swept()
    {
        var (orphan, stale, fresh) = await DamageAsync();

        var result = await _vault.RunAsync("reconcile");

        result.ExitCode.Should().Be(1, result.ToString());
        result.StdoutLines.Should().Contain(line => line.StartsWith("adopted", StringComparison.Ordinal) && line.Contains(orphan, StringComparison.Ordinal));
        result.StdoutLines.Should().Contain(line => line.StartsWith("flagged missing", StringComparison.Ordinal) && line.Contains(_lost.RelativePath, StringComparison.Ordinal));
        result.StdoutLines[^1].Should().Be("1 adopted, 1 missing, 0 restored, 0 skipped, 1 stale temp file(s) swept");
        File.Exists(stale).Should().BeFalse();
        File.Exists(fresh).Should().BeTrue("a temp file younger than the grace period may be a live upload");
        (await _vault.Store.FindAsync(_lost.Id))!.LocalState.Should().Be(LocalCopyState.Missing);
        (await _vault.Store.FindAsync(Path.GetFileName(orphan))).Should().NotBeNull();

        var again = await _vault.RunAsync("reconcile");
        again.ExitCode.Should().Be(0, "the problems were recorded, so a second run finds nothing new");
    }

    [Fact]
    public async Task A_dry_run_reports_the_same_problems_as_json_and_changes_nothing()
    {
        var (orphan, stale, _) = await DamageAsync();

        var result = await _vault.RunAsync("reconcile", "--dry-run", "--json");

        result.ExitCode.Should().Be(1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("dry_run").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("clean").GetBoolean().Should().BeFalse();
        json.RootElement.GetProperty("recovered").GetArrayLength().Should().Be(0, "no upload was interrupted between its rename and its commit");
        json.RootElement.GetProperty("adopted").EnumerateArray().Select(e => e.GetString()).Should().Equal(orphan);
        json.RootElement.GetProperty("missing").EnumerateArray().Select(e => e.GetString()).Should().Equal(_lost.RelativePath);
        json.RootElement.GetProperty("temp_files_swept").GetInt32().Should().Be(1);
        File.Exists(stale).Should().BeTrue();
        (await _vault.Store.FindAsync(_lost.Id))!.LocalState.Should().Be(LocalCopyState.Present);
        (await _vault.Store.FindAsync(Path.GetFileName(orphan))).Should().BeNull();
    }

    [Fact]
    public async Task A_fresh_orphan_is_skipped_with_why_and_when_it_becomes_adoptable()
    {
        var path = Path.Combine(Path.GetDirectoryName(_vault.PathOf(_kept))!, "20240101_120000_General_fresh.mp4");
        await File.WriteAllBytesAsync(path, TestVideos.Mp4(seed: 98));
        var adoptableAt = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) + ReconcileOptions.Default.AdoptionGracePeriod;
        var relative = Path.GetRelativePath(_vault.Root, path).Replace('\\', '/');

        var text = await _vault.RunAsync("reconcile");
        var json = await _vault.RunAsync("reconcile", "--json");

        text.ExitCode.Should().Be(1, text.ToString());
        text.StdoutLines.Should().Contain(line => line.StartsWith("skipped", StringComparison.Ordinal) && line.Contains(relative, StringComparison.Ordinal)
            && line.Contains("too young: changed within the 1m 00s grace period (a host may be storing it); adoptable from " + LocalTime.Format(adoptableAt), StringComparison.Ordinal)
            && line.Contains("run reconcile again then", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(json.Stdout);
        var skipped = document.RootElement.GetProperty("skipped_files").EnumerateArray().Should().ContainSingle().Subject;
        skipped.GetProperty("path").GetString().Should().Be(relative);
        skipped.GetProperty("reason").GetString().Should().Be("too_young");
        skipped.GetProperty("adoptable_at").GetString().Should().Be(LocalTime.Iso(adoptableAt));
        document.RootElement.GetProperty("adoption_grace_period_seconds").GetDouble().Should().Be(60);
        (await _vault.Store.FindAsync(Path.GetFileName(path))).Should().BeNull();
    }

    // An orphan (a copy of a real video with no record, old enough to adopt), a record whose file is gone, and two
    // temp files: one abandoned hours ago, one that may belong to an upload in flight.
    private async Task<(string OrphanRelative, string StaleTemp, string FreshTemp)> DamageAsync()
    {
        var folder = Path.GetDirectoryName(_vault.PathOf(_kept))!;
        var orphanName = "20240101_120000_General_orphan.mp4";
        var orphanPath = Path.Combine(folder, orphanName);
        await File.WriteAllBytesAsync(orphanPath, TestVideos.Mp4(seed: 99));
        File.SetLastWriteTimeUtc(orphanPath, DateTime.UtcNow.AddHours(-2));
        File.Delete(_vault.PathOf(_lost));

        var incoming = Path.Combine(_vault.Root, ".incoming");
        var stale = Path.Combine(incoming, "abandoned.part");
        var fresh = Path.Combine(incoming, "in-flight.part");
        await File.WriteAllBytesAsync(stale, [1, 2, 3]);
        await File.WriteAllBytesAsync(fresh, [4, 5, 6]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-3));

        var relative = Path.GetRelativePath(_vault.Root, orphanPath).Replace(Path.DirectorySeparatorChar, '/');
        return (relative, stale, fresh);
    }
}
