using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Endpoints;

/// <summary>The download as the real curl program uses it: ranges, a resumed download, HEAD, and saving under the sent name.</summary>
public sealed class VideoContentCurlTests : IAsyncLifetime
{
    private const int Length = 3 * 1024 * 1024 + 123;

    private readonly TempDirectory _root = new();
    private readonly TempDirectory _work = new();
    private readonly byte[] _video = TestVideos.Mp4(Length, seed: 11);
    private VideoVaultTestHost _host = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        _host = await VideoVaultTestHost.StartAsync(_root.Path);
        var uploaded = await _host.Client.UploadAsync("team intro.mp4", _video);
        _url = new Uri(_host.BaseAddress, $"/api/videos/{uploaded.GetProperty("filename").GetString()}/content").ToString();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _root.Dispose();
        _work.Dispose();
    }

    [Theory]
    [InlineData("100-199", 100, 199)]
    [InlineData("-500", Length - 500, Length - 1)]
    [InlineData("3000000-", 3000000, Length - 1)]
    [InlineData("0-0", 0, 0)]
    public async Task Curl_gets_exactly_the_range_it_asks_for(string range, int from, int to)
    {
        var body = Path.Combine(_work.Path, $"range-{Guid.NewGuid():N}");

        var curl = await Curl.RunAsync(_work.Path, "--range", range, "--output", body, _url);

        curl.ExitCode.Should().Be(0, curl.ToString());
        curl.Status.Should().Be(206, curl.ToString());
        curl.Header("Content-Range").Should().Be($"bytes {from}-{to}/{Length}");
        (await File.ReadAllBytesAsync(body)).Should().Equal(_video[from..(to + 1)]);
    }

    [Fact]
    public async Task Curl_is_told_416_and_the_length_for_a_range_past_the_end()
    {
        var curl = await Curl.RunAsync(_work.Path, "--range", $"{Length}-", "--output", "/dev/null", _url);

        curl.Status.Should().Be(416, curl.ToString());
        curl.Header("Content-Range").Should().Be($"bytes */{Length}");
    }

    [Fact]
    public async Task A_download_cut_half_way_is_finished_by_curl_continue_at()
    {
        var file = Path.Combine(_work.Path, "team intro.mp4");
        await File.WriteAllBytesAsync(file, _video[..(Length / 2)]);

        var curl = await Curl.RunAsync(_work.Path, "--continue-at", "-", "--output", file, _url);

        curl.ExitCode.Should().Be(0, curl.ToString());
        curl.Status.Should().Be(206, curl.ToString());
        curl.Header("Content-Range").Should().Be($"bytes {Length / 2}-{Length - 1}/{Length}");
        (await File.ReadAllBytesAsync(file)).Should().Equal(_video);
    }

    [Fact]
    public async Task Curl_head_shows_the_length_the_ranges_and_the_validators()
    {
        var curl = await Curl.RunAsync(_work.Path, "--head", "--output", "/dev/null", _url);

        curl.Status.Should().Be(200, curl.ToString());
        curl.Header("Content-Length").Should().Be(Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        curl.Header("Accept-Ranges").Should().Be("bytes");
        curl.Header("ETag").Should().MatchRegex("^\"[0-9a-f]{64}\"$");
        curl.Header("Last-Modified").Should().EndWith(" GMT");
        curl.Header("Content-Type").Should().Be("video/mp4");
    }

    [Fact]
    public async Task Curl_remote_header_name_saves_an_attachment_under_its_original_name()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work.Path, "saved")).FullName;

        var curl = await Curl.RunAsync(folder, "--remote-name", "--remote-header-name", _url + "?download=true");

        curl.ExitCode.Should().Be(0, curl.ToString());
        curl.Header("Content-Disposition").Should().Be("attachment; filename=\"team intro.mp4\"");
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().Equal("team intro.mp4");
        (await File.ReadAllBytesAsync(Path.Combine(folder, "team intro.mp4"))).Should().Equal(_video);
    }
}
