using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VideoVault.Benchmarks;

/// <summary>
/// The ASP.NET Core documentation's upload endpoint ("Upload files in ASP.NET Core", buffered model binding): an
/// <see cref="IFormFile"/> parameter, then <see cref="IFormFile.CopyToAsync"/> into a <see cref="FileStream"/>. The
/// framework buffers a file part beyond 64 KiB to a temporary file first (in <c>ASPNETCORE_TEMP</c>), so the body is
/// written twice; no hash, no fsync. Run as a mode of this program, with the settings the documentation gives for
/// large files (no request body limit, no multipart length limit) and Kestrel otherwise as installed.
/// </summary>
internal static class FormFilePeer
{
    /// <summary>The first argument that runs this program as the peer: <c>peer-iformfile --port P --dir D</c>.</summary>
    public const string Mode = "peer-iformfile";

    /// <summary>Starts this program as the peer, storing into <paramref name="directory"/>.</summary>
    public static Task<ServerProcess> StartAsync(string directory)
    {
        var temp = Directory.CreateDirectory(Path.Combine(directory, "tmp")).FullName;
        var port = ServerProcess.FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "VideoVault.Benchmarks.dll"), Mode, "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", directory },
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_TEMP"] = temp,
                // A web project (Microsoft.NET.Sdk.Web) runs with the server GC; this program's own runtimeconfig does not.
                ["DOTNET_gcServer"] = "1",
            },
        };
        return ServerProcess.StartAsync(start, baseUri, new Uri(baseUri, "health"));
    }

    /// <summary>Runs the peer until it is killed.</summary>
    public static async Task<int> RunHostAsync(IReadOnlyList<string> args)
    {
        if (args is not ["--port", var portText, "--dir", var directory] || !int.TryParse(portText, CultureInfo.InvariantCulture, out var port))
        {
            await Console.Error.WriteLineAsync($"usage: VideoVault.Benchmarks {Mode} --port PORT --dir DIRECTORY").ConfigureAwait(false);
            return 2;
        }

        Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = long.MaxValue);
        var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.MapPost("/upload", async (IFormFile video, CancellationToken cancellationToken) =>
        {
            var filePath = Path.Combine(directory, Path.GetRandomFileName());
            using (var stream = File.Create(filePath))
            {
                await video.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            return Results.Json(new { size = video.Length }, statusCode: StatusCodes.Status201Created);
        }).DisableAntiforgery();
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
