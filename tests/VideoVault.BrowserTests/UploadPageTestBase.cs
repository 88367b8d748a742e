using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace VideoVault.BrowserTests;

/// <summary>
/// What every upload-page test needs: the shared Chromium, a sample host of its own, one browser context, the files it
/// uploads, and every error the page's script threw. Disposing shows the host's output (seen only when a test fails).
/// </summary>
public abstract class UploadPageTestBase : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    /// <summary>What a browser without tus-js-client's needs looks like to the page: the library loads but says it cannot work.</summary>
    protected const string WithoutTusSupport = """
        (() => {
          let loaded;
          Object.defineProperty(window, 'tus', {
            configurable: true,
            get() { return loaded; },
            set(library) { loaded = { ...library, isSupported: false }; },
          });
        })();
        """;

    private protected readonly ChromiumFixture chromium;
    private protected readonly ITestOutputHelper output;
    private protected readonly TestFiles files = new();
    private protected readonly List<string> pageErrors = [];
    private protected SampleHostProcess? host;
    private protected IBrowserContext? context;

    private protected UploadPageTestBase(ChromiumFixture chromium, ITestOutputHelper output)
    {
        this.chromium = chromium;
        this.output = output;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (context is not null)
        {
            await context.DisposeAsync();
        }

        if (host is not null)
        {
            // Shown only when a test fails: what the server said while the page talked to it.
            output.WriteLine($"Sample host output:{Environment.NewLine}{host.RecentOutput}");
            await host.DisposeAsync();
        }

        files.Dispose();
    }

    private protected async Task StartHostAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        host = await SampleHostProcess.StartAsync(settings, CancellationToken.None);
        output.WriteLine($"Sample host at {host.BaseAddress}");
    }

    /// <summary>Opens the page in a new context of the given size, after the init scripts, and waits for its heading.</summary>
    private protected async Task<IPage> OpenPageAsync(int width, int height, params string?[] initScripts)
    {
        context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        foreach (var script in initScripts)
        {
            if (script is not null)
            {
                await context.AddInitScriptAsync(script);
            }
        }

        var page = await context.NewPageAsync();
        page.PageError += (_, error) => pageErrors.Add(error);
        var address = host?.BaseAddress ?? throw new InvalidOperationException("Start the host first.");
        await page.GotoAsync(address.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload videos" })).ToBeVisibleAsync();
        return page;
    }
}
