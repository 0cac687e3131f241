namespace SkillsMatch.Engine.Intake;

internal sealed partial class TermIndex
{
    // Below half the query's weight matched, a label is not an answer ("xyzzy", a stray word).
    private const double MinQueryCoverage = 0.5;
    private const int MaxFuzzyTerms = 25;

    // A word ESCO uses for the same thing (mined, see MineEquivalents) counts less than the word itself.
    private const double EquivalentStrength = 0.8;

    // The light stemmer puts "Metallbau" and "Metallbauer", "spülen" and "Spüler" on one stem; the
    // trade or activity is not the person doing it, so such a match counts like a typo.
    private const double PersonFormStrength = 0.8;

    private readonly record struct Alternative(string Term, double Strength);

    /// <summary>The best label hit per concept, best first.</summary>
    public List<TermIndexHit> Search(string phrase)
    {
        var query = JoinSplitCompounds(Analyse(phrase));
        if (query.Length == 0)
        {
            return [];
        }

        var key = string.Join(' ', query.Select(w => w.Word));
        var alternatives = new List<Alternative>[query.Length];
        var weights = new double[query.Length];
        var queryTerms = new Dictionary<string, double>(StringComparer.Ordinal);
        var candidates = new HashSet<int>();
        for (var i = 0; i < query.Length; i++)
        {
            var word = query[i];
            alternatives[i] = Alternatives(word);
            foreach (var equivalent in Equivalents(word.Stem))
            {
                if (!alternatives[i].Any(a => a.Term == equivalent))
                {
                    alternatives[i].Add(new Alternative(equivalent, EquivalentStrength));
                }
            }

            weights[i] = Weight(word);
            var parts = word.Parts.Select(p => new Alternative(p, 0.9))
                .Concat(word.Parts.SelectMany(p => Equivalents(p)).Select(e => new Alternative(e, EquivalentStrength)));
            foreach (var (term, strength) in alternatives[i].Concat(parts))
            {
                if (_postings.TryGetValue(term, out var entries))
                {
                    queryTerms[term] = Math.Max(strength, queryTerms.GetValueOrDefault(term));
                    candidates.UnionWith(entries);
                }
            }
        }

        var totalWeight = weights.Sum();
        var best = new Dictionary<int, TermIndexHit>();
        foreach (var entry in candidates)
        {
            var words = _entryWords[entry];
            var matched = 0.0;
            for (var i = 0; i < query.Length; i++)
            {
                matched += weights[i] * Match(words, query[i], alternatives[i]);
            }

            var coverage = matched / totalWeight;
            if (coverage < MinQueryCoverage)
            {
                continue;
            }

            var score = (int)Math.Round(1000 * coverage * (0.55 + (0.45 * LabelCoverage(words, queryTerms))))
                + _entryBonus[entry]
                + (_entryKey[entry] == key ? 60 : 0);
            var concept = _entryConcept[entry];
            if (!best.TryGetValue(concept, out var current) || score > current.Score
                || (score == current.Score && _entryLabel[entry].Length < current.MatchedLabel.Length))
            {
                best[concept] = new TermIndexHit(concept, _entryLabel[entry], score);
            }
        }

        return [.. best.Values.OrderByDescending(h => h.Score).ThenBy(h => h.MatchedLabel.Length)];
    }

    /// <summary>How well one query word is found in a label, 0 to 1.</summary>
    private double Match(AnalyzedWord[] label, AnalyzedWord word, List<Alternative> alternatives)
    {
        var match = 0.0;
        foreach (var (term, strength) in alternatives)
        {
            foreach (var w in label)
            {
                if (w.Stem == term)
                {
                    match = Math.Max(match, term == word.Stem && IsPersonFormOf(w.Word, word.Word) ? strength * PersonFormStrength : strength);
                }
                else if (w.Parts.Contains(term))
                {
                    // "Kasse" in "Kassenbereich": found, but the label is about something more specific.
                    match = Math.Max(match, strength * 0.85);
                }
            }
        }

        if (word.Parts.Length > 0)
        {
            double found = 0, total = 0;
            for (var i = 0; i < word.Parts.Length; i++)
            {
                var weight = PartWeight(word.Parts, i);
                total += weight;
                found += Holds(label, word.Parts[i]) ? weight
                    : Equivalents(word.Parts[i]).Any(e => Holds(label, e)) ? weight * EquivalentStrength
                    : 0;
            }

            match = Math.Max(match, 0.9 * found / total);
        }

        return match;
    }

    /// <summary>
    /// Whether a label word is the person form of the typed word: the word, or a verb's stem, plus
    /// -er or -erin ("Metallbau" → "Metallbauer", "spülen" → "Spüler"); "Lagerung" → "Lager" is not.
    /// </summary>
    internal static bool IsPersonFormOf(string labelWord, string queryWord)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["er", "erin", "erinnen"])
        {
            if (labelWord.Length > suffix.Length + 2 && labelWord.EndsWith(suffix, StringComparison.Ordinal))
            {
                var root = labelWord.AsSpan(0, labelWord.Length - suffix.Length);
                var query = queryWord.AsSpan();
                if (query.SequenceEqual(root)
                    || (query.Length == root.Length + 2 && query.StartsWith(root) && query.EndsWith("en"))
                    || (query.Length == root.Length + 1 && query.StartsWith(root) && (query.EndsWith("n") || query.EndsWith("e"))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The head of a German compound names what it is ("Lagerlogistik" is logistics), so it weighs
    /// most, unless it only names a role ("Lagerhelfer", "Reinigungskraft", "Kassiertätigkeit"):
    /// then the part before it says what the work is.
    /// </summary>
    private static double PartWeight(string[] parts, int i) =>
        GermanWordAnalyzer.IsGenericHead(parts[i]) ? 0.25 : i == parts.Length - 1 ? 1.5 : 1.0;

    private static bool Holds(AnalyzedWord[] label, string term)
    {
        foreach (var w in label)
        {
            if (w.Stem == term || w.Parts.Contains(term))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The weighted share of a label's words the query found, 0 to 1.</summary>
    private double LabelCoverage(AnalyzedWord[] label, Dictionary<string, double> queryTerms)
    {
        double found = 0, total = 0;
        foreach (var w in label)
        {
            var weight = _idf.GetValueOrDefault(w.Stem, _maxIdf);
            total += weight;
            if (queryTerms.TryGetValue(w.Stem, out var strength))
            {
                found += weight * strength;
            }
            else if (w.Parts.Length > 0)
            {
                found += weight * 0.9 * w.Parts.Count(queryTerms.ContainsKey) / w.Parts.Length;
            }
        }

        return total == 0 ? 0 : found / total;
    }

    private double Weight(AnalyzedWord word)
    {
        if (_idf.TryGetValue(word.Stem, out var idf) || _idf.TryGetValue(EnglishTerm(word.Word), out idf))
        {
            return idf;
        }

        var parts = word.Parts.Where(_idf.ContainsKey).ToList();
        return parts.Count > 0 ? parts.Average(p => _idf[p]) : _maxIdf;
    }

}
