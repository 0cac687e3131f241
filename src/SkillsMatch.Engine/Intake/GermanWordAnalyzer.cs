using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Intake;

/// <summary>One word of a label or query: its folded form, its stem and, for a compound, the stems of its parts.</summary>
internal sealed record AnalyzedWord(string Word, string Stem, string[] Parts);

/// <summary>
/// German word analysis for <see cref="TermSearch"/>: Lucene.NET's <see cref="GermanNormalizationFilter"/>
/// folds umlaut spellings (ä, ae → a), its German stop words are dropped and its
/// <see cref="GermanLightStemmer"/> removes inflections ("Erntehelfern" → "erntehelf"). On top of the
/// library: feminine job titles fold to the masculine ("-erin" → "-er") and "-ung" nouns to their verb
/// ("Reinigung" ~ "reinigen"), so a job title, its activity and the skill label meet on one stem.
/// </summary>
internal static class GermanWordAnalyzer
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Thread-safe: Lucene keeps one token stream per thread.
    private static readonly Analyzer s_folding = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new WhitespaceTokenizer(Version, reader);
        return new TokenStreamComponents(tokenizer, new GermanNormalizationFilter(tokenizer));
    });

    private static readonly HashSet<string> s_stopWords = BuildStopWords();

    /// <summary>The folded, non-stop words of a text, in order.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return words;
        }

        using var stream = s_folding.GetTokenStream("text", normalized);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString();
            if (!s_stopWords.Contains(word))
            {
                words.Add(word);
            }
        }

        stream.End();
        return words;
    }

    // Heads of compounds that name a role or a kind of work, not the work itself.
    private static readonly HashSet<string> s_genericHeads = new(
        ["helfer", "hilfe", "aushilfe", "kraft", "arbeit", "arbeiter", "mitarbeiter", "taetigkeit", "dienst",
            "service", "kenntnis", "kenntnisse", "personal", "fachkraft", "assistent", "bereich", "wesen", "betrieb",
            "fahrer", "fuehrer"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> s_genericHeadStems = new(s_genericHeads.SelectMany(Words).Select(Stem), StringComparer.Ordinal);

    public static bool IsGenericHead(string stem) => s_genericHeadStems.Contains(stem);

    public static string Stem(string word)
    {
        var w = word;
        if (w.Length > 8 && w.EndsWith("erinnen", StringComparison.Ordinal))
        {
            w = w[..^5];
        }
        else if (w.Length > 6 && w.EndsWith("erin", StringComparison.Ordinal))
        {
            w = w[..^2];
        }

        var stem = LightStem(w);
        if (stem.Length > 6 && stem.EndsWith("ung", StringComparison.Ordinal))
        {
            stem = LightStem(stem[..^3]); // "Sicherung" ~ "sichern", "Kommissionierung" ~ "kommissionieren"
        }
        else if (stem.Length > 7 && stem.EndsWith("ation", StringComparison.Ordinal))
        {
            stem = stem[..^5] + "i"; // "Präsentation" ~ "präsentieren"
        }

        // "Kenntnisse" and "Kenntnis" on one stem.
        return stem.EndsWith("niss", StringComparison.Ordinal) ? stem[..^1] : stem;
    }

    private static string LightStem(string word)
    {
        var buffer = word.ToCharArray();
        var length = new GermanLightStemmer().Stem(buffer, buffer.Length);
        return new string(buffer, 0, length);
    }

    /// <summary>Whether a compound's first part is a known word, with a linking s/es/n/en/e or as a verb stem.</summary>
    public static bool IsModifier(string part, HashSet<string> dictionary) => part.Length >= 3 && Known(part, head: false, dictionary.GetAlternateLookup<ReadOnlySpan<char>>()) is not null;

    /// <summary>
    /// Splits a compound into known words, fewest parts first and the longest head on a tie
    /// ("lagerlogistik" → lager + logistik, "unterhaltsreinigung" → unterhalt + reinigung); linking
    /// s/es/n/en/e between parts and an inflection on the head are allowed. Empty when no split covers the word.
    /// </summary>
    public static string[] SplitCompound(string word, HashSet<string> dictionary)
    {
        const int MinPart = 3;
        var n = word.Length;
        if (n < 2 * MinPart)
        {
            return [];
        }

        // parts[i]: fewest parts covering word[..i]; from[i]: where the last of them starts; known[i]: its dictionary form.
        var lookup = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        var parts = new int[n + 1];
        var from = new int[n + 1];
        var known = new string?[n + 1];
        Array.Fill(parts, int.MaxValue);
        parts[0] = 0;
        for (var end = MinPart; end <= n; end++)
        {
            for (var start = end - MinPart; start >= 0; start--)
            {
                if (parts[start] == int.MaxValue || (start == 0 && end == n))
                {
                    continue;
                }

                var dictionaryForm = Known(word.AsSpan(start, end - start), end == n, lookup);
                if (dictionaryForm is null)
                {
                    continue;
                }

                var count = parts[start] + 1;
                if (count < parts[end] || (count == parts[end] && end == n && end - start > end - from[end]))
                {
                    parts[end] = count;
                    from[end] = start;
                    known[end] = dictionaryForm;
                }
            }
        }

        if (parts[n] == int.MaxValue)
        {
            return [];
        }

        var result = new string[parts[n]];
        for (int end = n, i = result.Length - 1; end > 0; end = from[end], i--)
        {
            result[i] = Stem(known[end]!);
        }

        return result;
    }

    private static readonly string[] s_linking = ["s", "es", "n", "en", "e"];
    private static readonly string[] s_inflections = ["n", "en", "e", "s", "er", "ern", "in", "innen"];
    private static readonly string[] s_verbEndings = ["en", "n", "e"];

    private static string? Known(ReadOnlySpan<char> part, bool head, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> dictionary)
    {
        if (dictionary.TryGetValue(part, out var word))
        {
            return word;
        }

        foreach (var ending in head ? s_inflections : s_linking)
        {
            if (part.Length - ending.Length >= 3 && part.EndsWith(ending, StringComparison.Ordinal) && dictionary.TryGetValue(part[..^ending.Length], out word))
            {
                return word;
            }
        }

        // A verb stem as the first part: "Kassiertätigkeit" (kassieren), "Spülkraft" (spülen).
        if (!head && part.Length >= 4)
        {
            Span<char> verb = stackalloc char[part.Length + 2];
            part.CopyTo(verb);
            foreach (var ending in s_verbEndings)
            {
                ending.AsSpan().CopyTo(verb[part.Length..]);
                if (dictionary.TryGetValue(verb[..(part.Length + ending.Length)], out word))
                {
                    return word;
                }
            }
        }

        return null;
    }

    private static HashSet<string> BuildStopWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stop in GermanAnalyzer.DefaultStopSet)
        {
            // "Waren" is goods here, not "were".
            if (stop.ToString() is "waren" or "war")
            {
                continue;
            }

            using var stream = s_folding.GetTokenStream("text", TextNormalizer.Normalize(stop.ToString()));
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                words.Add(term.ToString());
            }

            stream.End();
        }

        return words;
    }
}
