using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using VideoVault.AspNetCore.Tests.TestSupport;

namespace VideoVault.AspNetCore.Tests.Samples;

/// <summary>Boots the sample host as its own process, exactly as the README runs it, configured by args and env vars.</summary>
public sealed partial class SampleHostTests
{
    [Fact]
    public async Task Sample_host_honours_urls_and_VideoVault_environment_variables_and_serves_the_api_health_and_page()
    {
        using var root = new TempDirectory();
        var store = Path.Combine(root.Path, "store");
        using var process = StartSampleHost(
            ["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string>
            {
                ["VideoVault__RootPath"] = store,
                ["VideoVault__MaxFileSizeBytes"] = "100000",
                ["VideoVault__MinFreeSpaceBytes"] = "0",
            });
        try
        {
            var baseAddress = await WaitForListeningAsync(process);
            using var client = new HttpClient { BaseAddress = baseAddress };

            using var health = await client.GetAsync("/health");
            using var page = await client.GetAsync("/");
            var video = await client.UploadAsync("sample.mp4", TestVideos.Mp4(50_000), "Sample");
            using var tooLarge = await client.PostAsync("/api/upload-video", new MultipartBody().File("video", "big.mp4", TestVideos.Mp4(150_000)).ToContent());

            health.StatusCode.Should().Be(HttpStatusCode.OK);
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
            File.Exists(Path.Combine(store, video.GetProperty("local_backup").GetString()!)).Should().BeTrue();
            await tooLarge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, store);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Process StartSampleHost(IEnumerable<string> args, IDictionary<string, string> environment)
    {
        var assembly = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.ArgumentList.Add(assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Development serves wwwroot from the project through the static web assets manifest, as `dotnet run` does.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }

    private static async Task<Uri> WaitForListeningAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                // Keep draining so the host never blocks on a full stdout pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return new Uri(match.Groups[1].Value);
            }
        }

        var errors = await process.StandardError.ReadToEndAsync(timeout.Token);
        throw new InvalidOperationException("The sample host exited without listening:\n" + string.Join('\n', seen) + "\n" + errors);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
