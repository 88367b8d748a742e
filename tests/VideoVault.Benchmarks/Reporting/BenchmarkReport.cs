using System.Text;

namespace VideoVault.Benchmarks.Reporting;

/// <summary>Collects the figures of every suite that ran and prints them as one table at the end.</summary>
internal sealed class BenchmarkReport
{
    private readonly List<BenchmarkFigure> _figures = [];

    public IReadOnlyList<BenchmarkFigure> Figures => _figures;

    public void Add(BenchmarkFigure figure) => _figures.Add(figure);

    public void AddRange(IEnumerable<BenchmarkFigure> figures) => _figures.AddRange(figures);

    /// <summary>The table: suite, figure, value, target, met, peer. Markdown, so it can go into the README as is.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| suite | figure | measured | target | met | peer |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var f in _figures)
        {
            var met = f.Met switch { true => "yes", false => "**no**", null => "-" };
            text.AppendLine($"| {f.Suite} | {Escape(f.Name)} | {Escape(f.Value)} | {Escape(f.Target)} | {met} | {Escape(f.Peer ?? "-")} |");
        }

        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
