using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace VideoVault.BrowserTests;

/// <summary>A stored video played back from the page by Chromium's own <c>&lt;video&gt;</c> element, and downloaded.</summary>
public sealed class VideoPlaybackTests : UploadPageTestBase
{
    private const float Timeout = 60_000;

    public VideoPlaybackTests(ChromiumFixture chromium, ITestOutputHelper output)
        : base(chromium, output)
    {
    }

    [Fact]
    public async Task A_stored_video_plays_in_the_page_and_seeking_to_the_middle_is_served_as_a_206_range()
    {
        var path = await Ffmpeg.EncodeWebMAsync(files.Directory, "seek-me.webm", seconds: 20);
        var size = new FileInfo(path).Length;
        await StartHostAsync();
        var page = await OpenPageAsync(1280, 900);
        var served = new ConcurrentQueue<(string Method, int Status, string? Range, string? ContentRange)>();
        page.Response += async (_, response) =>
        {
            if (response.Url.Contains("/content", StringComparison.Ordinal) && !response.Url.Contains("download=", StringComparison.Ordinal))
            {
                var range = await response.Request.HeaderValueAsync("range");
                served.Enqueue((response.Request.Method, response.Status, range, await response.HeaderValueAsync("content-range")));
            }
        };

        await page.GetByLabel("Choose videos").SetInputFilesAsync(path);
        var listed = page.Locator("#videos-body tr", new() { HasText = "seek-me.webm" });
        await Expect(listed).ToBeVisibleAsync(new() { Timeout = Timeout });

        // Loopback would hand the whole file over before the seek: at 256 KB/s (the video needs 125 KB/s) the middle is
        // not yet loaded when the seek comes, so the element must ask the server for it.
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 0,
            ["downloadThroughput"] = 256 * 1024,
            ["uploadThroughput"] = -1,
        });

        await listed.GetByRole(AriaRole.Button, new() { Name = "Play seek-me.webm" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Playing seek-me.webm" })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync(
            "() => { const v = document.getElementById('player'); return !v.paused && v.currentTime > 0.2; }", null, new() { Timeout = Timeout });
        var duration = await page.Locator("#player").EvaluateAsync<double>("v => v.duration");
        duration.Should().BeApproximately(20, 0.5);
        var beforeSeek = served.Count;

        await page.Locator("#player").EvaluateAsync("v => { v.currentTime = v.duration / 2; }");
        await page.WaitForFunctionAsync(
            "() => { const v = document.getElementById('player'); return !v.seeking && !v.paused && v.currentTime > v.duration / 2 + 0.5; }",
            null,
            new() { Timeout = Timeout });

        var log = string.Join(Environment.NewLine, served.Select(s => $"{s.Method} {s.Status} Range: {s.Range} Content-Range: {s.ContentRange}"));
        output.WriteLine($"{size} bytes; the element's requests:{Environment.NewLine}{log}");
        var afterSeek = served.Skip(beforeSeek).ToList();
        afterSeek.Should().Contain(
            s => s.Status == 206 && s.ContentRange != null && Start(s.ContentRange) >= size / 4 && Start(s.ContentRange) <= size * 3 / 4,
            "the seek to the middle must be served as a range from about the middle of the file");
        served.Should().OnlyContain(s => s.Status == 206 || s.Status == 200, "every answer to the element carries bytes");
        await Expect(page.Locator("#player-status")).ToHaveTextAsync(string.Empty);
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", "video-player.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");
        await Accessibility.AssertNoViolationsAsync(page);
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task The_download_link_saves_the_video_under_its_original_name()
    {
        var video = files.WriteMp4("Quarterly review (final).mp4", 512 * 1024);
        await StartHostAsync();
        var page = await OpenPageAsync(1280, 900);
        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        var listed = page.Locator("#videos-body tr", new() { HasText = "Quarterly review (final).mp4" });
        await Expect(listed).ToBeVisibleAsync(new() { Timeout = Timeout });

        var download = await page.RunAndWaitForDownloadAsync(
            () => listed.GetByRole(AriaRole.Link, new() { Name = "Download Quarterly review (final).mp4" }).ClickAsync());

        download.SuggestedFilename.Should().Be("Quarterly review (final).mp4");
        var saved = Path.Combine(files.Directory, "saved.mp4");
        await download.SaveAsAsync(saved);
        (await File.ReadAllBytesAsync(saved)).Should().Equal(await File.ReadAllBytesAsync(video));
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    private static long Start(string contentRange) =>
        long.Parse(contentRange["bytes ".Length..contentRange.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
}
