using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace VideoVault.BrowserTests;

/// <summary>The sample host's upload page, used the way a content creator uses it, in a real Chromium.</summary>
public sealed class UploadPageTests : UploadPageTestBase
{
    private const float UploadTimeoutMs = 60_000;

    // Counts the upload progress events the page's handlers receive, to prove the bar is driven by real progress:
    // the form upload listens with addEventListener, tus-js-client sets xhr.upload.onprogress.
    private const string CountUploadProgressEvents = """
        window.__uploadProgressEvents = 0;
        const counting = (listener) => function (event) { window.__uploadProgressEvents += 1; return listener.call(this, event); };
        const add = XMLHttpRequestUpload.prototype.addEventListener;
        XMLHttpRequestUpload.prototype.addEventListener = function (type, listener, options) {
          return add.call(this, type, type === 'progress' && typeof listener === 'function' ? counting(listener) : listener, options);
        };
        const handler = Object.getOwnPropertyDescriptor(XMLHttpRequestEventTarget.prototype, 'onprogress');
        Object.defineProperty(XMLHttpRequestUpload.prototype, 'onprogress', {
          configurable: true,
          get() { return handler.get.call(this); },
          set(listener) { handler.set.call(this, typeof listener === 'function' ? counting(listener) : listener); },
        });
        """;

    public UploadPageTests(ChromiumFixture chromium, ITestOutputHelper output)
        : base(chromium, output)
    {
    }

    [Fact]
    public async Task A_video_uploaded_through_the_page_reaches_100_percent_and_is_listed_and_a_text_file_named_mp4_is_refused()
    {
        var video = files.WriteMp4("Team intro clip.mp4", 6 * 1024 * 1024);
        var notes = files.WriteText("notes.mp4", string.Concat(Enumerable.Repeat("Meeting notes, not a video.\n", 200)));
        await StartHostAsync();
        var page = await OpenPageAsync(1280, 900);
        var uploadRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/upload", StringComparison.Ordinal))
            {
                lock (uploadRequests)
                {
                    uploadRequests.Add($"{request.Method} {new Uri(request.Url).AbsolutePath}");
                }
            }
        };
        (await page.EvaluateAsync<string>("() => document.documentElement.dataset.uploadMode")).Should().Be("resumable");

        // Loopback is too fast to watch: throttle the upload so speed and time left are shown mid-way.
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 0,
            ["downloadThroughput"] = -1,
            ["uploadThroughput"] = 3 * 1024 * 1024,
        });

        await page.GetByLabel("Category").FillAsync("Tutorial");
        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);

        var upload = page.Locator("#upload-list > li", new() { HasText = "Team intro clip.mp4" });
        await Expect(upload.Locator(".upload-speed")).ToHaveTextAsync(new Regex(@"^\d+(\.\d)? (KB|MB)/s$"));
        await Expect(upload.Locator(".upload-eta")).ToHaveTextAsync(new Regex("^about .+ left$"));
        await SaveScreenshotAsync(page, "upload-in-progress.png");
        await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        var progress = upload.Locator("progress");
        (await progress.EvaluateAsync<double>("bar => bar.value")).Should().Be(100);
        (await progress.EvaluateAsync<double>("bar => bar.max")).Should().Be(100);
        await Expect(upload.Locator(".upload-percent")).ToHaveTextAsync("100 %");
        await Expect(upload.Locator(".upload-message")).ToContainTextAsync("Stored as");
        (await page.EvaluateAsync<int>("() => window.__uploadProgressEvents"))
            .Should().BePositive("the progress bar must follow the browser's upload progress events");

        var listed = page.Locator("#videos-body tr", new() { HasText = "Team intro clip.mp4" });
        await Expect(listed).ToBeVisibleAsync(new() { Timeout = UploadTimeoutMs });
        await Expect(listed.Locator("td[data-label='Category']")).ToHaveTextAsync("Tutorial");
        await Expect(listed.Locator("td[data-label='Size']")).ToHaveTextAsync("6.0 MB");
        await Expect(listed.Locator(".badge").First).ToHaveTextAsync("Local only");
        await Expect(page.Locator("#stat-count")).ToHaveTextAsync("1");
        lock (uploadRequests)
        {
            uploadRequests.Should().StartWith("POST /api/uploads", "the page uploads through tus when the browser can");
            uploadRequests.Should().Contain(r => r.StartsWith("PATCH /api/uploads/", StringComparison.Ordinal));
            uploadRequests.Should().NotContain("POST /api/upload-video");
        }

        await page.GetByLabel("Choose videos").SetInputFilesAsync(notes);

        var refused = page.Locator("#upload-list > li", new() { HasText = "notes.mp4" });
        await Expect(refused).ToHaveAttributeAsync("data-status", "415", new() { Timeout = UploadTimeoutMs });
        await Expect(refused).ToHaveAttributeAsync("data-state", "refused");
        await Expect(refused.Locator(".upload-message")).ToContainTextAsync("Not a video");
        await Expect(page.Locator("#upload-announcer")).ToContainTextAsync("notes.mp4: Not a video");

        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh now" }).ClickAsync();
        await Expect(page.Locator("#videos-caption")).ToHaveTextAsync("Newest first: 1 video");
        await Expect(page.Locator("#videos-body tr", new() { HasText = "notes.mp4" })).ToHaveCountAsync(0);

        await Accessibility.AssertNoViolationsAsync(page);
        await SaveScreenshotAsync(page, "upload-page.png");
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task At_phone_width_the_page_works_by_keyboard_and_has_no_accessibility_violations()
    {
        var video = files.WriteMp4("phone-clip.mp4", 256 * 1024);
        await StartHostAsync();
        var page = await OpenPageAsync(390, 844);

        await page.GetByLabel("Category").FillAsync("Webinar");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("file-input");
        (await page.Locator("#drop-zone").EvaluateAsync<string>("zone => getComputedStyle(zone).outlineStyle"))
            .Should().Be("solid", "keyboard focus on the hidden file input must show on the drop zone");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        chooser.IsMultiple.Should().BeTrue();
        await chooser.SetFilesAsync(video);

        var upload = page.Locator("#upload-list > li", new() { HasText = "phone-clip.mp4" });
        await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        var listed = page.Locator("#videos-body tr", new() { HasText = "phone-clip.mp4" });
        await Expect(listed).ToBeVisibleAsync(new() { Timeout = UploadTimeoutMs });
        await listed.GetByRole(AriaRole.Button, new() { Name = "Details of phone-clip.mp4" }).ClickAsync();
        await Expect(page.Locator("#details-list")).ToContainTextAsync("SHA-256");
        await Expect(page.Locator("#details-list")).ToContainTextAsync("Webinar");

        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"))
            .Should().BeTrue("nothing may scroll sideways at phone width");
        await Accessibility.AssertNoViolationsAsync(page);

        await SaveScreenshotAsync(page, "upload-page-narrow.png");
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task Videos_dropped_on_the_drop_zone_are_uploaded_with_the_category()
    {
        await StartHostAsync();
        var page = await OpenPageAsync(1280, 900);
        await page.GetByLabel("Category").FillAsync("Marketing");

        // What the browser dispatches when a user drags two files from the desktop onto the zone.
        await page.Locator("#drop-zone").EvaluateAsync("""
            zone => {
              const mp4 = (size) => {
                const bytes = new Uint8Array(size);
                bytes.set([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]);
                return bytes;
              };
              const files = new DataTransfer();
              files.items.add(new File([mp4(96 * 1024)], 'dropped-one.mp4', { type: 'video/mp4' }));
              files.items.add(new File([mp4(64 * 1024)], 'dropped-two.mp4', { type: 'video/mp4' }));
              zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: files, bubbles: true, cancelable: true }));
              window.__draggingShown = zone.classList.contains('is-dragging');
              zone.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
            }
            """);

        (await page.EvaluateAsync<bool>("() => window.__draggingShown")).Should().BeTrue("the zone must show that it accepts the drop");
        foreach (var name in new[] { "dropped-one.mp4", "dropped-two.mp4" })
        {
            var upload = page.Locator("#upload-list > li", new() { HasText = name });
            await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
            var listed = page.Locator("#videos-body tr", new() { HasText = name });
            await Expect(listed.Locator("td[data-label='Category']")).ToHaveTextAsync("Marketing", new() { Timeout = UploadTimeoutMs });
        }

        await Expect(page.Locator("#stat-count")).ToHaveTextAsync("2");
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task A_file_name_with_markup_is_shown_as_text_and_never_run()
    {
        // No slash: the server rightly keeps only the last path segment of a file name.
        const string hostileName = "<img src=x onerror=\"window.__injected=1\"> <b>bold.mp4";
        var video = await File.ReadAllBytesAsync(files.WriteMp4("markup.mp4", 64 * 1024));
        await StartHostAsync();
        var page = await OpenPageAsync(1280, 900);

        await page.GetByLabel("Choose videos").SetInputFilesAsync(new FilePayload
        {
            Name = hostileName,
            MimeType = "video/mp4",
            Buffer = video,
        });

        var upload = page.Locator("#upload-list > li").First;
        await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        await Expect(upload.Locator(".upload-name")).ToHaveTextAsync(hostileName);
        using var list = await ListVideosAsync(page);
        var video0 = list.RootElement.GetProperty("videos")[0];
        var originalName = video0.GetProperty("original_filename").GetString();
        var storedName = video0.GetProperty("filename").GetString();
        output.WriteLine($"The server kept the original name as {originalName} and stored the file as {storedName}");
        originalName.Should().Contain("<img", "the test needs markup to reach the page");
        var listed = page.Locator("#videos-body tr").First;
        await Expect(listed.Locator(".video-original")).ToHaveTextAsync(originalName!, new() { Timeout = UploadTimeoutMs });
        await Expect(listed.Locator(".video-stored")).ToHaveTextAsync(storedName!);
        await listed.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Details of ") }).ClickAsync();
        await Expect(page.Locator("#details-list")).ToContainTextAsync(storedName!);

        (await page.Locator("main img, main b").CountAsync()).Should().Be(0, "no server or file-name string may become markup");
        (await page.EvaluateAsync<bool>("() => window.__injected === undefined")).Should().BeTrue();
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Theory]
    [InlineData("VideoVault__MaxFileSizeBytes", "1048576", 3 * 1024 * 1024, 413, "Too large")] // refused at creation (Upload-Length)
    [InlineData("VideoVault__MaxFileSizeBytes", "1048576", 1536 * 1024, 413, "Too large")] // just over the limit
    [InlineData("VideoVault__MinFreeSpaceBytes", "4611686018427387904", 64 * 1024, 507, "Server disk full")]
    public async Task A_refused_video_shows_the_reason_and_is_not_listed(
        string setting, string value, int payloadBytes, int status, string reason)
    {
        var video = files.WriteMp4("refused-clip.mp4", payloadBytes);
        await StartHostAsync(new Dictionary<string, string> { [setting] = value });
        var page = await OpenPageAsync(1280, 900);

        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);

        var refused = page.Locator("#upload-list > li", new() { HasText = "refused-clip.mp4" });
        await Expect(refused).ToHaveAttributeAsync("data-status", status.ToString(CultureInfo.InvariantCulture), new() { Timeout = UploadTimeoutMs });
        await Expect(refused.Locator(".upload-message")).ToContainTextAsync(reason + ":");
        await Expect(page.Locator("#upload-announcer")).ToContainTextAsync("refused-clip.mp4: " + reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh now" }).ClickAsync();
        await Expect(page.Locator("#videos-caption")).ToHaveTextAsync("Newest first: 0 videos");
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task With_the_form_upload_try_again_after_a_lost_answer_reuses_the_file_key_and_the_video_is_stored_once()
    {
        // The multipart path, as browsers without tus support use it (tus's own lost answer: ResumableUploadTests).
        var video = files.WriteMp4("lost-answer.mp4", 256 * 1024);
        await StartHostAsync();
        var page = await OpenPageAsync(1280, 900, WithoutTusSupport);
        var keys = new List<string?>();
        var firstStatus = 0;
        var handled = new List<Task>();

        // Intercepted at the response stage through the DevTools protocol: the browser really sends the file and the
        // server really stores it, then the answer is dropped as if the connection broke. (Playwright's own routing
        // works at the request stage, and its route.FetchAsync cannot resend a file-backed multipart body.)
        var devTools = await page.Context.NewCDPSessionAsync(page);
        devTools.Event("Fetch.requestPaused").OnEvent += (_, paused) =>
        {
            var e = paused!.Value;
            var requestId = e.GetProperty("requestId").GetString()!;
            lock (keys)
            {
                keys.Add(e.GetProperty("request").GetProperty("headers").TryGetProperty("Idempotency-Key", out var key) ? key.GetString() : null);
                if (keys.Count == 1)
                {
                    firstStatus = e.GetProperty("responseStatusCode").GetInt32();
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
            ["patterns"] = new object[] { new Dictionary<string, object> { ["urlPattern"] = "*/api/upload-video", ["requestStage"] = "Response" } },
        });

        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);

        var upload = page.Locator("#upload-list > li", new() { HasText = "lost-answer.mp4" });
        await Expect(upload).ToHaveAttributeAsync("data-state", "failed", new() { Timeout = UploadTimeoutMs });
        await Expect(upload.Locator(".upload-message")).ToContainTextAsync("Network error");
        firstStatus.Should().Be(201, "the first attempt must really have been stored for the retry to prove anything");
        await upload.GetByRole(AriaRole.Button, new() { Name = "Try uploading lost-answer.mp4 again" }).ClickAsync();

        await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        await Expect(upload.Locator(".upload-message")).ToContainTextAsync("Stored as");
        using var list = await ListVideosAsync(page);
        list.RootElement.GetProperty("total").GetInt64().Should().Be(1, "the retry must not store a second copy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh now" }).ClickAsync();
        await Expect(page.Locator("#videos-caption")).ToHaveTextAsync("Newest first: 1 video");
        await Expect(page.Locator("#stat-count")).ToHaveTextAsync("1");
        await Task.WhenAll(handled);
        keys.Should().HaveCount(2);
        keys[0].Should().MatchRegex("^\"[0-9a-f-]{32,36}\"$", "every queued file gets a random key, sent as a structured-field string");
        keys[1].Should().Be(keys[0], "Try again must send the same key as the attempt whose answer was lost");
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    [Fact]
    public async Task Without_randomUUID_as_on_a_LAN_host_over_plain_http_each_file_still_gets_its_own_random_key()
    {
        await StartHostAsync();
        var page = await OpenPageAsync(1280, 900, "delete Crypto.prototype.randomUUID;");
        var keys = new List<string?>();
        // The tus creation requests: each file's upload is created once, with its key.
        await page.RouteAsync("**/api/uploads", async route =>
        {
            if (route.Request.Method == "POST")
            {
                lock (keys)
                {
                    keys.Add(route.Request.Headers.GetValueOrDefault("idempotency-key"));
                }
            }

            await route.ContinueAsync();
        });

        await page.GetByLabel("Choose videos").SetInputFilesAsync(
        [
            files.WriteMp4("plain-http-one.mp4", 32 * 1024),
            files.WriteMp4("plain-http-two.mp4", 48 * 1024),
        ]);

        foreach (var name in new[] { "plain-http-one.mp4", "plain-http-two.mp4" })
        {
            var upload = page.Locator("#upload-list > li", new() { HasText = name });
            await Expect(upload).ToHaveAttributeAsync("data-state", "stored", new() { Timeout = UploadTimeoutMs });
        }

        keys.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        keys.Should().AllSatisfy(key => key.Should().MatchRegex("^\"[0-9a-f]{32}\"$", "16 random bytes as hex"));
        pageErrors.Should().BeEmpty("the page's script must not throw");
    }

    private Task<IPage> OpenPageAsync(int width, int height, string? initScript = null) =>
        OpenPageAsync(width, height, CountUploadProgressEvents, initScript);

    /// <summary>What the list endpoint answers, asked directly rather than read off the page.</summary>
    private async Task<System.Text.Json.JsonDocument> ListVideosAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync(new Uri(host!.BaseAddress, "api/videos/list?limit=50").ToString());
        return System.Text.Json.JsonDocument.Parse(await response.TextAsync());
    }

    private async Task SaveScreenshotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
        Console.WriteLine($"Screenshot: {path}");
    }
}
