using System.Text;
using Microsoft.Data.Sqlite;

namespace VideoVault.Manifest;

/// <summary>
/// A list search as the manifest runs it: the NFC-normalised text, and whether the trigram index can serve it (3 or
/// more characters) or a scan must (fewer: a trigram index has no entries that short).
/// </summary>
internal readonly record struct VideoSearchText(string Text, bool Indexed)
{
    /// <summary>The shortest text the trigram tokenizer indexes, in Unicode characters (not UTF-16 units).</summary>
    public const int TrigramLength = 3;

    /// <summary>The SQL function the scan calls; <see cref="RegisterScanFunction"/> adds it to a connection.</summary>
    public const string ScanFunction = "videovault_contains";

    /// <summary>
    /// Whether a scan can test the text with LIKE: for ASCII it folds case as the index does, natively, several times
    /// faster per row than <see cref="ScanFunction"/>, which other text needs.
    /// </summary>
    public bool ScansWithLike => Ascii.IsValid(Text);

    /// <summary>An FTS5 phrase matching the text literally: only <c>"</c> is special inside one, and doubles.</summary>
    public string Phrase => "\"" + Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static VideoSearchText Parse(string search)
    {
        // Names arrive in whatever form the client sent; the query is at least in the form most clients send.
        string text;
        try
        {
            text = search.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            text = search;
        }

        var characters = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            if (++characters == TrigramLength)
            {
                break;
            }
        }

        return new VideoSearchText(text, characters >= TrigramLength);
    }

    /// <summary>
    /// Adds the scan's substring test, folding case as the trigram index does for the names seen in practice (LIKE
    /// folds ASCII only, so 'é' would miss 'É' on the scan while the index finds it).
    /// </summary>
    public static void RegisterScanFunction(SqliteConnection connection) =>
        connection.CreateFunction<string, string, bool>(
            ScanFunction,
            static (name, text) => name.Contains(text, StringComparison.OrdinalIgnoreCase),
            isDeterministic: true);
}
