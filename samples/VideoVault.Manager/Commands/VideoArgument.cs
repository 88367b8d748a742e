using System.CommandLine;

namespace VideoVault.Manager.Commands;

/// <summary>The <c>NAME|ID</c> argument: a stored file name or a 32-hex id.</summary>
internal static class VideoArgument
{
    public static Argument<string> Create() => new("NAME|ID")
    {
        Description = "The video's stored file name or id",
    };

    public static Argument<string?> CreateOptional() => new("NAME|ID")
    {
        Description = "The video's stored file name or id",
        Arity = ArgumentArity.ZeroOrOne,
    };
}
