using System.Text.Json.Nodes;

namespace VideoVault.FakeDrive.Protocol;

/// <summary>A parsed <c>fields</c> parameter (<c>a,b,files(id,name),c/d</c>) applied as a partial response.</summary>
internal sealed class FieldSelection
{
    private readonly Dictionary<string, FieldSelection?> _children = new(StringComparer.Ordinal);

    public static FieldSelection Parse(string fields)
    {
        var position = 0;
        var selection = ParseList(fields, ref position);
        if (position != fields.Length)
        {
            throw new FormatException($"Invalid field selection '{fields}'.");
        }

        return selection;
    }

    public JsonObject Apply(JsonObject source)
    {
        if (_children.ContainsKey("*"))
        {
            return (JsonObject)source.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (name, child) in _children)
        {
            if (!source.TryGetPropertyValue(name, out var value) || value is null)
            {
                continue;
            }

            result[name] = child is null ? value.DeepClone() : child.ApplyTo(value);
        }

        return result;
    }

    private JsonNode ApplyTo(JsonNode value) => value switch
    {
        JsonObject obj => Apply(obj),
        JsonArray array => new JsonArray(array.Select(item => item is JsonObject o ? (JsonNode)Apply(o) : item?.DeepClone()).ToArray()),
        _ => value.DeepClone(),
    };

    private static FieldSelection ParseList(string text, ref int position)
    {
        var selection = new FieldSelection();
        while (position < text.Length && text[position] != ')')
        {
            var start = position;
            while (position < text.Length && text[position] is not (',' or '(' or ')' or '/'))
            {
                position++;
            }

            var name = text[start..position].Trim();
            if (name.Length == 0)
            {
                throw new FormatException($"Invalid field selection '{text}'.");
            }

            FieldSelection? child = null;
            if (position < text.Length && text[position] == '(')
            {
                position++;
                child = ParseList(text, ref position);
                if (position >= text.Length || text[position] != ')')
                {
                    throw new FormatException($"Unbalanced parentheses in field selection '{text}'.");
                }

                position++;
            }
            else if (position < text.Length && text[position] == '/')
            {
                position++;
                child = ParsePath(text, ref position);
            }

            selection.Merge(name, child);
            if (position < text.Length && text[position] == ',')
            {
                position++;
            }
        }

        return selection;
    }

    private static FieldSelection ParsePath(string text, ref int position)
    {
        // "a/b" selects b inside a; the path ends at the next comma of the enclosing list.
        var end = position;
        var depth = 0;
        while (end < text.Length && (depth > 0 || (text[end] != ',' && text[end] != ')')))
        {
            depth += text[end] switch { '(' => 1, ')' => -1, _ => 0 };
            end++;
        }

        var inner = text[position..end];
        position = end;
        return Parse(inner);
    }

    private void Merge(string name, FieldSelection? child)
    {
        if (_children.TryGetValue(name, out var existing))
        {
            if (existing is null || child is null)
            {
                _children[name] = null;
                return;
            }

            foreach (var (k, v) in child._children)
            {
                existing.Merge(k, v);
            }

            return;
        }

        _children[name] = child;
    }
}
