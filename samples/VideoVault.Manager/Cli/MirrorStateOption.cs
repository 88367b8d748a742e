using System.CommandLine;
using VideoVault.Manager.Rendering;

namespace VideoVault.Manager.Cli;

/// <summary>An option that takes a Drive state by its API name (<c>pending</c>, <c>mirrored</c>, <c>failed</c>, ...).</summary>
internal static class MirrorStateOption
{
    public static Option<MirrorState?> Create(string name, string description) => new(name)
    {
        Description = $"{description} ({Labels.MirrorStates})",
        HelpName = "STATE",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Labels.TryParseMirrorState(text, out var state))
            {
                return state;
            }

            result.AddError($"'{text}' is not a Drive state; use one of: {Labels.MirrorStates}");
            return null;
        },
    };
}
