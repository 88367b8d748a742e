using System.Text;

namespace VideoVault.Storage;

/// <summary>
/// NFC that works everywhere. <see cref="string.Normalize(NormalizationForm)"/> needs ICU and silently does nothing
/// under <c>InvariantGlobalization</c>, so the runtime's result is passed through a canonical composition of
/// adjacent pairs (table-driven, plus Hangul's algorithmic syllables). Without ICU, input whose marks are not in
/// canonical order may stay partly decomposed; it is still safe, only not byte-identical to full NFC.
/// </summary>
internal static class NfcNormalizer
{
    private const int HangulSBase = 0xAC00;
    private const int HangulLBase = 0x1100;
    private const int HangulVBase = 0x1161;
    private const int HangulTBase = 0x11A7;
    private const int HangulLCount = 19;
    private const int HangulVCount = 21;
    private const int HangulTCount = 28;
    private const int HangulNCount = HangulVCount * HangulTCount;
    private const int HangulSCount = HangulLCount * HangulNCount;

    private static readonly Dictionary<int, char> s_pairs = BuildPairs();

    /// <summary>The NFC form of <paramref name="text"/>, which must not contain lone surrogates.</summary>
    public static string Normalize(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Normalize(NormalizationForm.FormC));
        var write = 0;
        for (var read = 0; read < builder.Length; read++)
        {
            var c = builder[read];
            if (write > 0 && TryCompose(builder[write - 1], c, out var composed))
            {
                builder[write - 1] = composed;
                continue;
            }

            builder[write++] = c;
        }

        builder.Length = write;
        return builder.ToString();
    }

    private static bool TryCompose(char first, char second, out char composed)
    {
        var lIndex = first - HangulLBase;
        var vIndex = second - HangulVBase;
        if (lIndex is >= 0 and < HangulLCount && vIndex is >= 0 and < HangulVCount)
        {
            composed = (char)(HangulSBase + (((lIndex * HangulVCount) + vIndex) * HangulTCount));
            return true;
        }

        var sIndex = first - HangulSBase;
        var tIndex = second - HangulTBase;
        if (sIndex is >= 0 and < HangulSCount && sIndex % HangulTCount == 0 && tIndex is > 0 and < HangulTCount)
        {
            composed = (char)(first + tIndex);
            return true;
        }

        return s_pairs.TryGetValue((first << 16) | second, out composed);
    }

    private static Dictionary<int, char> BuildPairs()
    {
        var triples = NfcCompositionTable.Triples;
        var pairs = new Dictionary<int, char>(triples.Length / 3);
        for (var i = 0; i + 2 < triples.Length; i += 3)
        {
            pairs[(triples[i] << 16) | triples[i + 1]] = triples[i + 2];
        }

        return pairs;
    }
}
