namespace VideoVault.Manager.Cli;

/// <summary>An expected failure of a command: printed as one <c>error:</c> line, never as a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.Problems)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
