using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace VideoVault.AspNetCore.Tests.TestSupport;

/// <summary>
/// tus clients nobody on the team wrote, run as real processes: tus-js-client under Node (<c>tests/node/tus-js-upload.mjs</c>,
/// the npm package pinned in <c>tests/node/package-lock.json</c>) and tuspy under Debian's Python
/// (<c>tests/python/tuspy_upload.py</c>, Debian's <c>python3-tuspy</c>). A part that is missing fails the test with
/// the command that installs it; nothing is skipped.
/// </summary>
internal static class ThirdPartyTusClients
{
    /// <summary>The repository's test command, which installs every part the tests use when it is missing.</summary>
    public const string InstallCommand = "./test.sh";

    /// <summary>Debian's interpreter: python3-tuspy is installed for it alone (another python3 on PATH may lack it).</summary>
    public const string DebianPython = "/usr/bin/python3";

    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>tus-js-upload.mjs</c> against <paramref name="endpoint"/> with the script's own options.</summary>
    public static async Task<TusClientReport> TusJsClientAsync(Uri endpoint, string file, params string[] options)
    {
        var node = FindOnPath("node") ?? throw Missing("Node.js (`node` on PATH)");
        var nodeFolder = Path.Combine(RepositoryRoot(), "tests", "node");
        if (!File.Exists(Path.Combine(nodeFolder, "node_modules", "tus-js-client", "package.json")))
        {
            throw Missing($"the npm packages of tests/node (tus-js-client is not in {Path.Combine(nodeFolder, "node_modules")})");
        }

        return await RunAsync(
            "tus-js-client", node, nodeFolder, ["tus-js-upload.mjs", "--endpoint", endpoint.ToString(), "--file", file, .. options]);
    }

    /// <summary>Runs <c>tuspy_upload.py</c> against <paramref name="endpoint"/> with the script's own options.</summary>
    public static async Task<TusClientReport> TuspyAsync(Uri endpoint, string file, params string[] options)
    {
        if (!File.Exists(DebianPython))
        {
            throw Missing($"Debian's Python ({DebianPython}) with python3-tuspy");
        }

        var pythonFolder = Path.Combine(RepositoryRoot(), "tests", "python");
        var probe = await RunProcessAsync(DebianPython, pythonFolder, ["-c", "import tusclient"]);
        if (probe.ExitCode != 0)
        {
            throw Missing($"Debian's python3-tuspy (`{DebianPython} -c 'import tusclient'` said: {probe.StandardError.Trim()})");
        }

        return await RunAsync(
            "tuspy", DebianPython, pythonFolder, ["tuspy_upload.py", "--endpoint", endpoint.ToString(), "--file", file, .. options]);
    }

    private static async Task<TusClientReport> RunAsync(string client, string program, string folder, string[] arguments)
    {
        var run = await RunProcessAsync(program, folder, arguments);
        run.ExitCode.Should().Be(0, "{0} must finish its upload; it wrote:{1}{2}{1}{3}", client, Environment.NewLine, run.StandardError, run.StandardOutput);
        var lastLine = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        lastLine.Should().NotBeNull("{0} prints its report as one JSON line", client);
        return new TusClientReport(client, JsonDocument.Parse(lastLine!).RootElement.Clone(), run.StandardError);
    }

    private static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunProcessAsync(
        string program, string folder, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // No proxy from the machine's environment may stand between a client and the loopback host.
        foreach (var variable in new[] { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" })
        {
            info.Environment.Remove(variable);
        }

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(errors, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw Missing($"{program} ({ex.Message})");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(ClientTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not finish within {ClientTimeout.TotalSeconds} s. It wrote:{Environment.NewLine}{Read(errors)}{Environment.NewLine}{Read(output)}");
        }

        // WaitForExitAsync returns after the redirected streams reached their end.
        return (process.ExitCode, Read(output), Read(errors));
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }

    private static InvalidOperationException Missing(string part) =>
        new($"This test runs a third-party tus client, and a part it needs is missing: {part}. Run `{InstallCommand}` at the repository root: it installs what the tests use, then runs them.");

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "tests", "node", "tus-js-upload.mjs")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Could not find tests/node/tus-js-upload.mjs above {AppContext.BaseDirectory}.");
    }
}

/// <summary>What a client script printed when its upload finished (the JSON line its header comment describes).</summary>
internal sealed record TusClientReport(string Client, JsonElement Json, string StandardError)
{
    public Uri UploadUrl => new(Json.GetProperty("upload_url").GetString()!);

    public long Bytes => Json.GetProperty("bytes").GetInt64();

    public long? StoppedAt => Offset("stopped_at");

    public long? ResumedAt => Offset("resumed_at");

    /// <summary>tus-js-client's log of every response: (method, status or null for a cut request).</summary>
    public IReadOnlyList<(string Method, int? Status)> Requests =>
        Json.GetProperty("requests").EnumerateArray()
            .Select(r => (r.GetProperty("method").GetString()!, r.GetProperty("status").ValueKind == JsonValueKind.Null ? (int?)null : r.GetProperty("status").GetInt32()))
            .ToList();

    public override string ToString() => Client + ": " + Json.GetRawText();

    private long? Offset(string name) => Json.GetProperty(name) switch
    {
        { ValueKind: JsonValueKind.Null } => null,
        var value => value.GetInt64(),
    };
}
