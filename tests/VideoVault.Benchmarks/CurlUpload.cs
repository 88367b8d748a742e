using System.Diagnostics;
using System.Globalization;

namespace VideoVault.Benchmarks;

/// <summary>Posts a file as <c>multipart/form-data</c> with curl, the same client for both servers.</summary>
internal static class CurlUpload
{
    public static async Task<TimeSpan> PostAsync(Uri url, string file)
    {
        var start = new ProcessStartInfo("curl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "--silent", "--show-error", "--fail-with-body", "-o", "/dev/null",
            "-w", "%{http_code} %{time_total}",
            "-H", "Expect:",
            "-F", "content_type=Benchmark",
            "-F", $"video=@{file};type=video/mp4",
            url.ToString(),
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var curl = Process.Start(start) ?? throw new BenchmarkException("curl could not be started");
        var output = await curl.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        var error = await curl.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await curl.WaitForExitAsync().ConfigureAwait(false);
        var parts = output.Split(' ');
        if (curl.ExitCode != 0 || parts.Length != 2 || parts[0] is not ("200" or "201"))
        {
            throw new BenchmarkException($"upload to {url} failed: curl exit {curl.ExitCode}, {output} {error.Trim()}");
        }

        return TimeSpan.FromSeconds(double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
