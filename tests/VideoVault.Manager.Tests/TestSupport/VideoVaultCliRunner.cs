namespace VideoVault.Manager.Tests.TestSupport;

/// <summary>Runs the tool in-process with no store of its own (for usage and root tests).</summary>
internal static class VideoVaultCliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await VideoVaultCli.RunAsync(args, stdout, stderr, TextReader.Null);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
