using System.Text;

namespace VideoVault.FakeDrive.Protocol;

/// <summary>
/// The <c>q</c> language subset of files.list: <c>appProperties has { key='k' and value='v' }</c>,
/// <c>'id' in parents</c>, <c>trashed = true|false</c>, <c>name = '...'</c>, <c>name contains '...'</c>,
/// <c>mimeType = '...'</c>, joined by <c>and</c>/<c>or</c>, with <c>not</c> and parentheses; <c>\'</c> and <c>\\</c> escape.
/// Anything else is rejected (a real Drive answers 400 rather than ignoring an unknown term).
/// </summary>
internal static class DriveQuery
{
    public static Func<FakeDriveFile, bool> Parse(string q)
    {
        var tokens = Tokenize(q);
        var position = 0;
        var predicate = ParseOr(tokens, ref position);
        if (position != tokens.Count)
        {
            throw new FormatException($"Unexpected '{tokens[position].Text}' in query.");
        }

        return predicate;
    }

    private static Func<FakeDriveFile, bool> ParseOr(List<Token> tokens, ref int position)
    {
        var left = ParseAnd(tokens, ref position);
        while (IsWord(tokens, position, "or"))
        {
            position++;
            var right = ParseAnd(tokens, ref position);
            var l = left;
            left = f => l(f) || right(f);
        }

        return left;
    }

    private static Func<FakeDriveFile, bool> ParseAnd(List<Token> tokens, ref int position)
    {
        var left = ParseUnary(tokens, ref position);
        while (IsWord(tokens, position, "and"))
        {
            position++;
            var right = ParseUnary(tokens, ref position);
            var l = left;
            left = f => l(f) && right(f);
        }

        return left;
    }

    private static Func<FakeDriveFile, bool> ParseUnary(List<Token> tokens, ref int position)
    {
        if (IsWord(tokens, position, "not"))
        {
            position++;
            var inner = ParseUnary(tokens, ref position);
            return f => !inner(f);
        }

        if (IsSymbol(tokens, position, "("))
        {
            position++;
            var inner = ParseOr(tokens, ref position);
            Expect(tokens, ref position, ")");
            return inner;
        }

        return ParseTerm(tokens, ref position);
    }

    private static Func<FakeDriveFile, bool> ParseTerm(List<Token> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            throw new FormatException("The query ends where a term was expected.");
        }

        var first = tokens[position];
        if (first.IsString)
        {
            position++;
            ExpectWord(tokens, ref position, "in");
            ExpectWord(tokens, ref position, "parents");
            var parent = first.Text;
            return f => f.Parents.Contains(parent, StringComparer.Ordinal);
        }

        position++;
        switch (first.Text)
        {
            case "appProperties":
                ExpectWord(tokens, ref position, "has");
                Expect(tokens, ref position, "{");
                ExpectWord(tokens, ref position, "key");
                Expect(tokens, ref position, "=");
                var key = ExpectString(tokens, ref position);
                ExpectWord(tokens, ref position, "and");
                ExpectWord(tokens, ref position, "value");
                Expect(tokens, ref position, "=");
                var value = ExpectString(tokens, ref position);
                Expect(tokens, ref position, "}");
                return f => f.AppProperties.TryGetValue(key, out var v) && string.Equals(v, value, StringComparison.Ordinal);
            case "trashed":
                var negate = ExpectComparison(tokens, ref position, allowContains: false) == "!=";
                var flag = ExpectWordOf(tokens, ref position, "true", "false") == "true";
                return f => (f.Trashed == flag) != negate;
            case "name":
            case "mimeType":
                var op = ExpectComparison(tokens, ref position, allowContains: first.Text == "name");
                var text = ExpectString(tokens, ref position);
                Func<FakeDriveFile, string> field = first.Text == "name" ? f => f.Name : f => f.MimeType;
                return op switch
                {
                    "=" => f => string.Equals(field(f), text, StringComparison.Ordinal),
                    "!=" => f => !string.Equals(field(f), text, StringComparison.Ordinal),
                    _ => f => field(f).Contains(text, StringComparison.OrdinalIgnoreCase),
                };
            default:
                throw new FormatException($"Unsupported query term '{first.Text}'.");
        }
    }

    private static string ExpectComparison(List<Token> tokens, ref int position, bool allowContains)
    {
        if (IsSymbol(tokens, position, "=") || IsSymbol(tokens, position, "!="))
        {
            return tokens[position++].Text;
        }

        if (allowContains && IsWord(tokens, position, "contains"))
        {
            position++;
            return "contains";
        }

        throw new FormatException("A comparison operator was expected.");
    }

    private static string ExpectWordOf(List<Token> tokens, ref int position, params string[] words)
    {
        foreach (var word in words)
        {
            if (IsWord(tokens, position, word))
            {
                position++;
                return word;
            }
        }

        throw new FormatException($"One of {string.Join(", ", words)} was expected.");
    }

    private static void ExpectWord(List<Token> tokens, ref int position, string word)
    {
        if (!IsWord(tokens, position, word))
        {
            throw new FormatException($"'{word}' was expected.");
        }

        position++;
    }

    private static void Expect(List<Token> tokens, ref int position, string symbol)
    {
        if (!IsSymbol(tokens, position, symbol))
        {
            throw new FormatException($"'{symbol}' was expected.");
        }

        position++;
    }

    private static string ExpectString(List<Token> tokens, ref int position)
    {
        if (position >= tokens.Count || !tokens[position].IsString)
        {
            throw new FormatException("A quoted string was expected.");
        }

        return tokens[position++].Text;
    }

    private static bool IsWord(List<Token> tokens, int position, string word) =>
        position < tokens.Count && !tokens[position].IsString && string.Equals(tokens[position].Text, word, StringComparison.Ordinal);

    private static bool IsSymbol(List<Token> tokens, int position, string symbol) => IsWord(tokens, position, symbol);

    private static List<Token> Tokenize(string q)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < q.Length)
        {
            var c = q[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= q.Length)
                    {
                        throw new FormatException("Unterminated string in query.");
                    }

                    if (q[i] == '\\' && i + 1 < q.Length)
                    {
                        text.Append(q[i + 1]);
                        i += 2;
                    }
                    else if (q[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        text.Append(q[i++]);
                    }
                }

                tokens.Add(new Token(text.ToString(), IsString: true));
            }
            else if (c is '{' or '}' or '(' or ')' or '=')
            {
                tokens.Add(new Token(c.ToString(), IsString: false));
                i++;
            }
            else if (c == '!' && i + 1 < q.Length && q[i + 1] == '=')
            {
                tokens.Add(new Token("!=", IsString: false));
                i += 2;
            }
            else if (char.IsLetter(c))
            {
                var start = i;
                while (i < q.Length && char.IsLetterOrDigit(q[i]))
                {
                    i++;
                }

                tokens.Add(new Token(q[start..i], IsString: false));
            }
            else
            {
                throw new FormatException($"Unexpected character '{c}' in query.");
            }
        }

        return tokens;
    }

    private readonly record struct Token(string Text, bool IsString);
}
