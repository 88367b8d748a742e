using System.CommandLine;
using System.CommandLine.Parsing;

namespace VideoVault.Manager.Commands;

/// <summary>Validates "<c>NAME|ID</c> or <c>--all</c>, exactly one": acting on everything must be asked for by name.</summary>
internal static class OneTarget
{
    public static void Validate(CommandResult result, Argument<string?> video, Option<bool> all, string allName)
    {
        var hasVideo = result.GetValue(video) is not null;
        var hasAll = result.GetValue(all);
        if (hasVideo == hasAll)
        {
            result.AddError(hasVideo
                ? $"give either NAME|ID or {allName}, not both"
                : $"give a video (NAME|ID) or {allName}");
        }
    }
}
