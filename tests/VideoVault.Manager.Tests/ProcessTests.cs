using System.Diagnostics;
using VideoVault.Manager.Tests.TestSupport;

namespace VideoVault.Manager.Tests;

/// <summary>The built tool as a real process: exit codes, stderr and the environment as a shell sees them.</summary>
public sealed class ProcessTests : IAsyncLifetime
{
    private readonly TestVault _vault = new();
    private VideoRecord _video = null!;

    public async Task InitializeAsync() => _video = await _vault.SaveAsync("process.mp4", TimeSpan.FromDays(1), MirrorState.Mirrored);

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task The_real_process_reports_exit_codes_and_one_line_errors()
    {
        var ok = await RunToolAsync(["info", _video.StoredName]);
        ok.ExitCode.Should().Be(0, ok.ToString());
        ok.Stdout.Should().Contain(_video.Sha256);

        var unknown = await RunToolAsync(["info", "nothing.mp4"]);
        unknown.ExitCode.Should().Be(1, unknown.ToString());
        unknown.Stdout.Should().BeEmpty();
        unknown.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: no video 'nothing.mp4'");

        var usage = await RunToolAsync(["list", "--limit", "many"]);
        usage.ExitCode.Should().Be(2, usage.ToString());
        usage.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: ");
        usage.Stderr.Should().NotContain("   at ");
    }

    [Fact]
    public async Task The_real_process_takes_the_root_from_the_environment_and_prints_no_colours_when_piped()
    {
        var result = await RunToolAsync(["list"], withRootOption: false);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain(_video.StoredName).And.NotContain("\u001b[");
    }

    private async Task<CliResult> RunToolAsync(string[] args, bool withRootOption = true)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "VideoVault.Manager.dll");
        File.Exists(tool).Should().BeTrue($"the built tool should be beside the tests at {tool}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (withRootOption)
        {
            start.ArgumentList.Add("--root");
            start.ArgumentList.Add(_vault.Root);
        }
        else
        {
            start.Environment["VideoVault__RootPath"] = _vault.Root;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
