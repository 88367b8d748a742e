using Microsoft.Playwright;

namespace VideoVault.BrowserTests;

/// <summary>One headless Debian Chromium shared by the tests of a class; each test gets its own browser context.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    internal IBrowser Browser => browser ?? throw new InvalidOperationException("The browser was not launched.");

    public async Task InitializeAsync() => (playwright, browser) = await DebianChromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
