using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace VideoVault.BrowserTests;

/// <summary>
/// The upload page's resumable uploads (tus-js-client against the host's tus endpoint) in a real Chromium: pause and
/// resume, a reload, a host killed and started again, a dropped network, a lost final answer, and the multipart
/// fallback for browsers without tus support. Uploads go in 256 KiB pieces and the fourth PATCH is held, so each
/// interruption happens at a known offset: three pieces of a 2 MiB file are on the server, 37 %.
/// </summary>
public sealed class ResumableUploadTests : UploadPageTestBase
{
    private const float UploadTimeoutMs = 90_000;
    private const int PieceBytes = 256 * 1024;
    private const int FileBytes = 2 * 1024 * 1024;
    private const int PiecesBeforeTheHold = 3;
    private const long OffsetAtTheHold = PiecesBeforeTheHold * PieceBytes;

    // Math.Floor(786432 / 2097152 * 100): what the page must say it resumed at.
    private static readonly string ResumedPercent =
        ((int)Math.Floor(OffsetAtTheHold * 100.0 / FileBytes)).ToString(CultureInfo.InvariantCulture);

    private static readonly string SmallPieces =
        $"window.VideoVaultUploadSettings = {{ chunkSize: {PieceBytes.ToString(CultureInfo.InvariantCulture)} }};";

    private readonly List<string> headOffsets = [];

    public ResumableUploadTests(ChromiumFixture chromium, ITestOutputHelper output)
        : base(chromium, output)
    {
    }

    [Fact]
    public async Task Pause_then_resume_goes_on_from_the_servers_offset_and_stores_the_video_once()
    {
        var path = files.WriteMp4("paused-clip.mp4", FileBytes - 32);
        await StartHostAsync();
        var page = await OpenPageAsync(SmallPieces);
        var gate = new UploadRequestGate(holdPatchNumber: PiecesBeforeTheHold + 1);
        await gate.AttachAsync(page);

        await page.GetByLabel("Category").FillAsync("Interview");
        await page.GetByLabel("Choose videos").SetInputFilesAsync(path);
        await gate.Held.WaitAsync(TimeSpan.FromSeconds(60));

        var upload = page.Locator("#upload-list > li", new() { HasText = "paused-clip.mp4" });
        await upload.GetByRole(AriaRole.Button, new() { Name = "Pause the upload of paused-clip.mp4" }).ClickAsync();
        await Expect(upload).ToHaveAttributeAsync("data-state", "paused");
        await Expect(upload.Locator(".upload-message")).ToHaveTextAsync($"Paused at {ResumedPercent} %. Resume goes on from there.");
        await Expect(upload.Locator(".upload-percent")).ToHaveTextAsync($"{ResumedPercent} %");
        (await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"))
            .Should().Be("Resume the upload of paused-clip.mp4", "focus moves to the button that undoes the pause");
        await Expect(upload.GetByRole(AriaRole.Button, new() { Name = "Pause the upload of paused-clip.mp4" })).ToBeHiddenAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await upload.GetByRole(AriaRole.Button, new() { Name = "Resume the upload of paused-clip.mp4" }).ClickAsync();

        await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        await Expect(upload.Locator(".upload-message")).ToHaveTextAsync(new Regex($@"^Stored as .+\.mp4 \(resumed at {ResumedPercent} %\)\.$"));
        headOffsets.Should().Equal([OffsetAtTheHold.ToString(CultureInfo.InvariantCulture)], "Resume asks the server where to go on, once");
        await AssertStoredOnceAsync(page, path, "Interview");
        gate.Requests.Count(r => r.Method == "POST").Should().Be(1, "resuming continues the same upload instead of creating another");
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task After_a_reload_choosing_the_same_file_again_resumes_where_the_server_stopped()
    {
        var path = files.WriteMp4("reloaded-clip.mp4", FileBytes - 32);
        await StartHostAsync();
        var page = await OpenPageAsync(SmallPieces);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var gate = new UploadRequestGate(holdPatchNumber: PiecesBeforeTheHold + 1);
        await gate.AttachAsync(page);

        await page.GetByLabel("Choose videos").SetInputFilesAsync(path);
        await gate.Held.WaitAsync(TimeSpan.FromSeconds(60));
        // The tab goes away mid-upload, as when it is closed and opened again: only localStorage survives.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload videos" })).ToBeVisibleAsync();

        await Expect(page.Locator("#resume-hint")).ToBeVisibleAsync();
        await Expect(page.Locator("#resume-list li")).ToHaveTextAsync($"reloaded-clip.mp4: {ResumedPercent} % is on the server");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Choose videos").SetInputFilesAsync(path);

        var upload = page.Locator("#upload-list > li", new() { HasText = "reloaded-clip.mp4" });
        await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        await Expect(upload.Locator(".upload-message")).ToHaveTextAsync(new Regex($@"^Stored as .+\.mp4 \(resumed at {ResumedPercent} %\)\.$"));
        headOffsets.Should().Contain(OffsetAtTheHold.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#resume-hint")).ToBeHiddenAsync();
        await AssertStoredOnceAsync(page, path, "General");
        gate.Requests.Count(r => r.Method == "POST").Should().Be(1, "the reopened page continues the upload the first one created");
        (await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(key => key.startsWith('tus::')).length"))
            .Should().Be(0, "a finished upload's saved URL is removed");
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task When_the_host_is_killed_mid_upload_and_started_again_the_page_retries_and_finishes()
    {
        var path = files.WriteMp4("restart-clip.mp4", FileBytes - 32);
        await StartHostAsync();
        var page = await OpenPageAsync(SmallPieces);
        var gate = new UploadRequestGate(holdPatchNumber: PiecesBeforeTheHold + 1);
        await gate.AttachAsync(page);

        await page.GetByLabel("Choose videos").SetInputFilesAsync(path);
        var held = await gate.Held.WaitAsync(TimeSpan.FromSeconds(60));
        await host!.KillAsync();
        // The held piece now meets a dead host: the connection fails, and the page keeps retrying.
        await held.AbortAsync("connectionrefused");

        var upload = page.Locator("#upload-list > li", new() { HasText = "restart-clip.mp4" });
        await Expect(upload).ToHaveAttributeAsync("data-state", "reconnecting");
        await Expect(upload.Locator(".upload-message")).ToContainTextAsync("Connection lost. Trying again");
        await host.RestartAsync(CancellationToken.None);

        await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        await Expect(upload.Locator(".upload-message")).ToHaveTextAsync(new Regex($@"^Stored as .+\.mp4 \(resumed at {ResumedPercent} %\)\.$"));
        headOffsets.Should().Equal([OffsetAtTheHold.ToString(CultureInfo.InvariantCulture)], "the restarted host kept the three durable pieces");
        await AssertStoredOnceAsync(page, path, "General");
        gate.Requests.Count(r => r.Method == "POST").Should().Be(1, "the same upload URL is resumed after the restart");
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task When_the_network_drops_the_upload_waits_and_goes_on_by_itself_once_it_is_back()
    {
        var path = files.WriteMp4("offline-clip.mp4", FileBytes - 32);
        await StartHostAsync();
        var page = await OpenPageAsync(SmallPieces);
        var gate = new UploadRequestGate(holdPatchNumber: PiecesBeforeTheHold + 1);
        await gate.AttachAsync(page);

        await page.GetByLabel("Choose videos").SetInputFilesAsync(path);
        var held = await gate.Held.WaitAsync(TimeSpan.FromSeconds(60));
        await context!.SetOfflineAsync(true);
        await held.AbortAsync("internetdisconnected");

        var upload = page.Locator("#upload-list > li", new() { HasText = "offline-clip.mp4" });
        await Expect(upload).ToHaveAttributeAsync("data-state", "failed");
        await Expect(upload.Locator(".upload-message")).ToHaveTextAsync(
            "Network error: You are offline. The upload goes on from where it stopped as soon as the connection is back.");
        await Expect(page.Locator("#upload-announcer")).ToContainTextAsync("offline-clip.mp4: Network error");
        await context.SetOfflineAsync(false);

        await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        await Expect(upload.Locator(".upload-message")).ToHaveTextAsync(new Regex($@"^Stored as .+\.mp4 \(resumed at {ResumedPercent} %\)\.$"));
        headOffsets.Should().Equal([OffsetAtTheHold.ToString(CultureInfo.InvariantCulture)]);
        await AssertStoredOnceAsync(page, path, "General");
        gate.Requests.Count(r => r.Method == "POST").Should().Be(1);
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task A_browser_without_tus_support_uploads_through_the_multipart_form()
    {
        var path = files.WriteMp4("fallback-clip.mp4", 512 * 1024);
        await StartHostAsync();
        var page = await OpenPageAsync(WithoutTusSupport);
        var requests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/upload", StringComparison.Ordinal))
            {
                lock (requests)
                {
                    requests.Add($"{request.Method} {new Uri(request.Url).AbsolutePath}");
                }
            }
        };

        (await page.EvaluateAsync<string>("() => document.documentElement.dataset.uploadMode")).Should().Be("form");
        await page.GetByLabel("Category").FillAsync("Training");
        await page.GetByLabel("Choose videos").SetInputFilesAsync(path);

        var upload = page.Locator("#upload-list > li", new() { HasText = "fallback-clip.mp4" });
        await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        await Expect(upload.Locator(".upload-message")).ToHaveTextAsync(new Regex(@"^Stored as .+\.mp4\.$"));
        await Expect(upload.Locator(".upload-pause")).ToBeHiddenAsync();
        await AssertStoredOnceAsync(page, path, "Training");
        lock (requests)
        {
            requests.Should().Equal("POST /api/upload-video");
        }

        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task An_answer_lost_after_the_last_piece_is_found_again_and_the_video_is_stored_once()
    {
        var path = files.WriteMp4("lost-final-answer.mp4", 256 * 1024);
        await StartHostAsync();
        var page = await OpenPageAsync();
        // Recorded from the page's events: Playwright's own routing would compete with the DevTools interception below.
        var requests = new List<UploadRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/uploads", StringComparison.Ordinal))
            {
                lock (requests)
                {
                    requests.Add(new UploadRequest(request.Method, request.Url, request.Headers.GetValueOrDefault("idempotency-key")));
                }
            }
        };
        var failedStatus = 0;
        var handled = new List<Task>();

        // Dropped at the response stage (DevTools protocol): the server really stored the video, then the final
        // PATCH's answer is lost as if the connection broke. tus-js-client retries, finds the upload complete with a
        // HEAD, and the page finds the video from that answer.
        var devTools = await page.Context.NewCDPSessionAsync(page);
        devTools.Event("Fetch.requestPaused").OnEvent += (_, paused) =>
        {
            var e = paused!.Value;
            var requestId = e.GetProperty("requestId").GetString()!;
            var method = e.GetProperty("request").GetProperty("method").GetString();
            lock (handled)
            {
                if (method == "PATCH" && failedStatus == 0)
                {
                    failedStatus = e.GetProperty("responseStatusCode").GetInt32();
                    handled.Add(devTools.SendAsync("Fetch.failRequest", new() { ["requestId"] = requestId, ["errorReason"] = "ConnectionReset" }));
                }
                else
                {
                    handled.Add(devTools.SendAsync("Fetch.continueResponse", new() { ["requestId"] = requestId }));
                }
            }
        };
        await devTools.SendAsync("Fetch.enable", new()
        {
            ["patterns"] = new object[] { new Dictionary<string, object> { ["urlPattern"] = "*/api/uploads/*", ["requestStage"] = "Response" } },
        });

        await page.GetByLabel("Choose videos").SetInputFilesAsync(path);

        var upload = page.Locator("#upload-list > li", new() { HasText = "lost-final-answer.mp4" });
        await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        await Expect(upload.Locator(".upload-message")).ToHaveTextAsync(new Regex(@"^Stored as .+\.mp4\.$"));
        failedStatus.Should().Be(204, "the lost answer must be the final PATCH's, after the server stored the video");
        await AssertStoredOnceAsync(page, path, "General");
        List<UploadRequest> sent;
        lock (requests)
        {
            sent = [.. requests];
        }

        sent.Where(r => r.Method == "POST").Should().ContainSingle().Which.IdempotencyKey.Should().MatchRegex("^\"[0-9a-f-]{32,36}\"$");
        sent.Where(r => r.Method != "POST").Should().OnlyContain(r => r.IdempotencyKey == null, "only the creation carries the key");
        sent.Should().Contain(r => r.Method == "HEAD", "the retry asks the server where the upload stands");
        Task[] answers;
        lock (handled)
        {
            answers = [.. handled];
        }

        await Task.WhenAll(answers);

        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    private async Task<IPage> OpenPageAsync(string? initScript = null)
    {
        var page = await OpenPageAsync(1280, 900, initScript);

        // The offsets the server answered to the page's HEADs: the figure the page shows must come from one of them.
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "HEAD" && response.Url.Contains("/api/uploads/", StringComparison.Ordinal) && response.Ok)
            {
                lock (headOffsets)
                {
                    headOffsets.Add(response.Headers.GetValueOrDefault("upload-offset") ?? "(none)");
                }
            }
        };
        return page;
    }

    /// <summary>The store holds exactly one video: the chosen file's bytes (size and SHA-256), under the category.</summary>
    private async Task AssertStoredOnceAsync(IPage page, string path, string category)
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)));
        var listResponse = await page.APIRequest.GetAsync(new Uri(host!.BaseAddress, "api/videos/list?limit=50").ToString());
        using var list = JsonDocument.Parse(await listResponse.TextAsync());
        list.RootElement.GetProperty("total").GetInt64().Should().Be(1, "the upload must be stored exactly once");
        var filename = list.RootElement.GetProperty("videos")[0].GetProperty("filename").GetString()!;
        var infoResponse = await page.APIRequest.GetAsync(new Uri(host.BaseAddress, "api/video-info/" + Uri.EscapeDataString(filename)).ToString());
        using var info = JsonDocument.Parse(await infoResponse.TextAsync());
        info.RootElement.GetProperty("sha256").GetString().Should().Be(expected, "the stored bytes are the file's bytes");
        info.RootElement.GetProperty("size_bytes").GetInt64().Should().Be(new FileInfo(path).Length);
        info.RootElement.GetProperty("original_filename").GetString().Should().Be(Path.GetFileName(path));
        info.RootElement.GetProperty("category").GetString().Should().Be(category);

        var listed = page.Locator("#videos-body tr", new() { HasText = Path.GetFileName(path) });
        await Expect(listed).ToBeVisibleAsync(new() { Timeout = UploadTimeoutMs });
        await Expect(listed.Locator("td[data-label='Category']")).ToHaveTextAsync(category);
    }
}
