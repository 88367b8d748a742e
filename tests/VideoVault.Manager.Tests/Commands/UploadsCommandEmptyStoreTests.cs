using System.Text.Json;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests.Commands;

public sealed class UploadsCommandEmptyStoreTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();

    public async Task InitializeAsync() => await _vault.SaveAsync("stored.mp4", TimeSpan.FromDays(1));

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Uploads_on_a_store_without_uploads_says_so_and_exits_zero()
    {
        var list = await _vault.RunAsync("uploads");
        var expire = await _vault.RunAsync("uploads", "expire", "--dry-run");
        var json = await _vault.RunAsync("uploads", "--json");

        list.ExitCode.Should().Be(0, list.ToString());
        list.StdoutLines.Should().Equal("no resumable uploads in flight");
        expire.ExitCode.Should().Be(0, expire.ToString());
        expire.StdoutLines.Should().Equal("nothing to expire: no upload is past its expiry time");
        using var document = JsonDocument.Parse(json.Stdout);
        document.RootElement.GetProperty("uploads").GetArrayLength().Should().Be(0);
        document.RootElement.GetProperty("count").GetInt32().Should().Be(0);
    }
}
