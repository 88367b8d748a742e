namespace VideoVault.Manager.Tests.TestSupport;

/// <summary>Runs the tool in-process over in-memory writers and returns what it printed.</summary>
internal static class VideoVaultCliRunner
{
    /// <summary>Runs with no store of its own (for usage and root tests), no input and the real environment.</summary>
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, string.Empty, Environment.GetEnvironmentVariable);

    public static async Task<CliResult> RunAsync(string[] args, string stdin, Func<string, string?> environment)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin);
        var code = await VideoVaultCli.RunAsync(args, stdout, stderr, input, environment, CancellationToken.None);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
