namespace VideoVault.Manager.Cli;

/// <summary>The tool's exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything went fine.</summary>
    public const int Ok = 0;

    /// <summary>Problems were found (verify, reconcile), the video is unknown, or the command was refused.</summary>
    public const int Problems = 1;

    /// <summary>The command line (or the configuration it points at) is wrong.</summary>
    public const int Usage = 2;
}
