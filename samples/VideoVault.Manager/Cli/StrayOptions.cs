using System.CommandLine;
using System.CommandLine.Parsing;

namespace VideoVault.Manager.Cli;

/// <summary>
/// Finds mistyped options that the parser took as a positional value. System.CommandLine hands an unknown
/// <c>--jsn</c> to a free <c>NAME|ID</c> or <c>TEXT</c> slot, so <c>verify --jsn</c> would look for a video named
/// "--jsn" and fail as "no video" (exit 1) instead of as the usage error it is. A text value that really starts with
/// '-' (an adopted file may be named so) is still accepted after <c>--</c>, the usual end-of-options marker.
/// </summary>
internal static class StrayOptions
{
    public static IReadOnlyList<string> Find(ParseResult parse)
    {
        var tokens = parse.Tokens;
        var doubleDash = IndexOf(tokens, t => t.Type == TokenType.DoubleDash);
        var messages = new List<string>();
        foreach (var argument in parse.CommandResult.Children.OfType<ArgumentResult>())
        {
            if (argument.Argument.ValueType != typeof(string))
            {
                // Numbers report their own error ("DAYS must be a whole number"), and '-5' is not a mistyped option.
                continue;
            }

            foreach (var token in argument.Tokens)
            {
                if (!token.Value.StartsWith('-'))
                {
                    continue;
                }

                var position = IndexOf(tokens, t => ReferenceEquals(t, token));
                if (doubleDash < 0 || position < doubleDash)
                {
                    messages.Add($"unknown option '{token.Value}' (a {argument.Argument.Name} that starts with '-' goes after '--')");
                }
            }
        }

        return messages;
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Func<Token, bool> match)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (match(tokens[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
