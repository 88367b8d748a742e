using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace VideoVault.BrowserTests;

/// <summary>
/// Debian's ffmpeg, to encode a real, playable video for the browser (<c>./test.sh</c> installs it when missing; the
/// test fails, never skips, without it).
/// </summary>
internal static class Ffmpeg
{
    /// <summary>
    /// A WebM (VP8, no audio) of <paramref name="seconds"/> seconds at about 1 Mbit/s, a key frame every second so a
    /// seek lands anywhere: ffmpeg's test pattern with noise, so the bytes do not compress away.
    /// </summary>
    public static async Task<string> EncodeWebMAsync(string directory, string fileName, int seconds)
    {
        var path = Path.Combine(directory, fileName);
        var info = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25",
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-vf", "noise=alls=30:allf=t",
            "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "1M", "-minrate", "1M", "-maxrate", "1M",
            "-g", "25", "-an", path,
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                "This test encodes a real video with ffmpeg, and ffmpeg is missing. Run `./test.sh` at the repository " +
                "root: it installs what the tests use when missing (here `apt-get install ffmpeg`), then runs them.", ex);
        }

        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"ffmpeg could not encode the test video (exit {process.ExitCode}): {await errors}");
        }

        return path;
    }
}
