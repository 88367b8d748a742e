using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an ephemeral port, hosting AddVideoVault + MapVideoVaultEndpoints over a
/// given root, and an HttpClient pointed at it.
/// </summary>
internal sealed class VideoVaultTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VideoVaultTestHost(WebApplication app, Uri baseAddress, CollectingLoggerProvider logs)
    {
        _app = app;
        BaseAddress = baseAddress;
        Logs = logs;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public CollectingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<VideoVaultTestHost> StartAsync(
        string root,
        Action<VideoVaultOptions>? configure = null,
        string prefix = "/api",
        bool tuneKestrel = false,
        Action<WebApplicationBuilder>? configureHost = null,
        Action<WebApplication>? configureApp = null)
    {
        var logs = new CollectingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (tuneKestrel)
        {
            builder.WebHost.UseVideoVaultKestrelTuning();
        }

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.Services.AddVideoVault(options =>
        {
            options.RootPath = root;
            // Tests must not depend on how full the build machine's disk is; the 507 test sets its own floor.
            options.MinFreeSpaceBytes = 0;
            configure?.Invoke(options);
        });

        configureHost?.Invoke(builder);
        var app = builder.Build();
        configureApp?.Invoke(app);
        app.MapVideoVaultEndpoints(prefix);
        await app.StartAsync();
        return new VideoVaultTestHost(app, BaseAddressOf(app.Services), logs);
    }

    /// <summary>The address Kestrel actually bound (port 0 means the OS picked one).</summary>
    public static Uri BaseAddressOf(IServiceProvider services) =>
        new(services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
