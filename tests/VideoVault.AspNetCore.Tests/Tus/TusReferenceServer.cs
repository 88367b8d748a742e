using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace VideoVault.AspNetCore.Tests.Tus;

/// <summary>
/// The reference tus server, @tus/server 2.4.5 with @tus/file-store (tests/node/package.json), started as a real node
/// process on a loopback port by tests/node/tus-reference-server.mjs and killed on dispose. A missing node or
/// node_modules fails the tests with the command that installs them.
/// </summary>
public sealed partial class TusReferenceServer : ITusServer, IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private Process? _process;

    public Uri Uploads { get; private set; } = null!;

    public Uri ExpiringUploads { get; private set; } = null!;

    public long MaxSize => TusServers.MaxSize;

    public async Task InitializeAsync()
    {
        var nodeDirectory = NodeDirectory();
        if (!Directory.Exists(Path.Combine(nodeDirectory, "node_modules", "@tus", "server")))
        {
            throw new InvalidOperationException(
                $"@tus/server is not installed in {nodeDirectory}/node_modules. Run ./test.sh from the repository root, or: cd tests/node && npm ci");
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = nodeDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "tus-reference-server.mjs", "--port", "0", "--path", "/files", "--dir", _directory.Path,
                     "--max-size", MaxSize.ToString(CultureInfo.InvariantCulture),
                     "--expiring-ms", ((long)TusServers.Expiry.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "node is not installed (the @tus/server reference tests need it). Run ./test.sh from the repository root, or install Node.js 20+ and run: cd tests/node && npm ci",
                ex);
        }

        var baseAddress = await WaitForListeningAsync(_process);
        Uploads = new Uri(baseAddress, "/files");
        ExpiringUploads = new Uri(baseAddress, "/files-expiring");
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        _directory.Dispose();
    }

    /// <summary>@tus/file-store keeps an upload's bytes in a file named by its id.</summary>
    public async Task<string> StoredSha256Async(Uri upload)
    {
        var id = upload.Segments[^1];
        var file = Path.Combine(_directory.Path, upload.AbsolutePath.StartsWith("/files-expiring/", StringComparison.Ordinal) ? "expiring" : "files", id);
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }

    private static string NodeDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "node");
            if (File.Exists(Path.Combine(candidate, "tus-reference-server.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/node/tus-reference-server.mjs was not found above " + AppContext.BaseDirectory + ".");
    }

    private static async Task<Uri> WaitForListeningAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (Listening().Match(line) is { Success: true } match)
            {
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return new Uri(match.Groups[1].Value);
            }
        }

        var errors = await process.StandardError.ReadToEndAsync(timeout.Token);
        throw new InvalidOperationException(
            "The @tus/server reference server exited without listening (if a module is missing: cd tests/node && npm ci):\n" +
            string.Join('\n', seen) + "\n" + errors);
    }

    [GeneratedRegex(@"^listening on (http://127\.0\.0\.1:\d+)$")]
    private static partial Regex Listening();
}
