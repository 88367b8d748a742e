using Microsoft.AspNetCore.Server.Kestrel.Core;

// The smallest realistic VideoVault host: the store from configuration, the VideoVault endpoints under /api (upload,
// list, statistics, info, download, tus), a health endpoint and the upload page from wwwroot. Everything is
// overridable with --urls, appsettings or VideoVault__* environment variables.
var builder = WebApplication.CreateBuilder(args);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    // The global body limit stays at Kestrel's default: the upload endpoint raises it for itself only.
    // A client that trickles below 240 B/s (after a 10 s grace) is cut off, so a stalled upload cannot hold a
    // connection and a temp file forever; slow headers are cut off after 30 s.
    kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(10));
    kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
});

// 64 KiB socket reads instead of 4 KiB ones: the biggest single saving on the upload path.
builder.WebHost.UseVideoVaultKestrelTuning();

// The Drive mirror stays off unless VideoVault:Drive:Enabled=true (e.g. VideoVault__Drive__Enabled=true).
builder.Services.AddVideoVault(builder.Configuration).AddGoogleDriveMirror(builder.Configuration);
builder.Services.AddHealthChecks();

// The OpenAPI document of every endpoint the host maps, VideoVault's included, at /openapi/v1.json.
builder.Services.AddOpenApi();

// Errors the framework answers itself (an unknown path, a wrong method, an unhandled exception) become RFC 9457
// problems with the same success/error members as VideoVault's own, instead of empty bodies.
builder.Services.AddVideoVaultProblemDetails();

var app = builder.Build();

// Outside Development the handler writes a bare 500 problem: no exception text, no stack trace.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapHealthChecks("/health");
app.MapOpenApi();
app.MapVideoVaultEndpoints();

app.Run();

/// <summary>The sample host's entry point; public so tests can reference the assembly.</summary>
public partial class Program;
