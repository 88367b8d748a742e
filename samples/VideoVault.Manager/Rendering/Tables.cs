using Spectre.Console;
using Spectre.Console.Rendering;

namespace VideoVault.Manager.Rendering;

/// <summary>Tables that look right on a terminal and stay grep-able when piped.</summary>
internal static class Tables
{
    public static Table Create(IAnsiConsole console, params string[] headers)
    {
        var table = new Table
        {
            // Piped output: plain aligned columns without box characters, easy for grep/awk.
            Border = console.Profile.Capabilities.Interactive ? TableBorder.Rounded : TableBorder.None,
        };
        // ">Size": right-aligned; "~Name": may wrap on a narrow terminal (the others keep their width).
        foreach (var header in headers)
        {
            var column = new TableColumn(new Text(header.TrimStart('>', '~'))) { NoWrap = !header.StartsWith('~') };
            if (header.StartsWith('>'))
            {
                column.RightAligned();
            }

            table.AddColumn(column);
        }

        return table;
    }

    /// <summary>Adds a row of plain text cells: user data (names, errors) is never parsed as markup.</summary>
    public static void AddTextRow(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(cell => (IRenderable)new Text(cell ?? "-")).ToArray());

    /// <summary>Two columns of label and value, for one record or totals.</summary>
    public static Table KeyValue(IAnsiConsole console)
    {
        var table = Create(console, "Field", "~Value");
        table.HideHeaders();
        return table;
    }

    public static IRenderable State(MirrorState state, IAnsiConsole console)
    {
        var label = Labels.Of(state);
        if (console.Profile.Capabilities.ColorSystem == ColorSystem.NoColors)
        {
            return new Text(label);
        }

        var style = state switch
        {
            MirrorState.Mirrored => new Style(Color.Green),
            MirrorState.Failed => new Style(Color.Red),
            MirrorState.Retrying => new Style(Color.Yellow),
            MirrorState.Pending or MirrorState.Uploading => new Style(Color.Blue),
            _ => Style.Plain,
        };
        return new Text(label, style);
    }
}
