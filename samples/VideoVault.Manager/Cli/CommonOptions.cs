using System.CommandLine;

namespace VideoVault.Manager.Cli;

/// <summary>The options several commands share, created once per command line.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Root { get; } = new("--root")
    {
        Description = $"The store root (default: ${StoreRoot.EnvironmentVariable}, else ./video-vault)",
        HelpName = "DIR",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON for scripts instead of a table" };

    public static Option<bool> Yes() => new("--yes", "-y") { Description = "Do not ask for confirmation" };

    public string ResolveRoot(ParseResult parse, CliContext context) =>
        StoreRoot.Resolve(parse.GetValue(Root), context.GetEnvironmentVariable);

    public VaultSession Open(ParseResult parse, CliContext context) =>
        VaultSession.Open(ResolveRoot(parse, context), context.Error, context.GetEnvironmentVariable);
}
