using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Intake;

/// <summary>A concept the term index can return.</summary>
internal readonly record struct TermConcept(TermKind Kind, string Id, string Label, int Index);

/// <summary>A label hit of the term index: the concept, the label that matched and a score.</summary>
internal readonly record struct TermIndexHit(int Concept, string MatchedLabel, int Score);

/// <summary>
/// Every German and English label of skills, occupations, certificates and languages plus the
/// curated synonyms, analysed into stems and compound parts by <see cref="GermanWordAnalyzer"/>.
/// A query is matched word by word: the whole stem, the parts of a compound, or, for an unknown
/// word, a term within edit distance 1 (words of 5+ letters) or 2 (9+ letters). Words weigh by
/// inverse label frequency, so "Kasse" counts more than "führen".
/// </summary>
internal sealed partial class TermIndex
{
    private readonly TermConcept[] _concepts;
    private readonly int[] _entryConcept;
    private readonly string[] _entryLabel;
    private readonly string[] _entryKey;
    private readonly int[] _entryBonus;
    private readonly AnalyzedWord[][] _entryWords;
    private readonly Dictionary<string, int[]> _postings;
    private readonly Dictionary<string, double> _idf;
    private readonly HashSet<string> _dictionary;
    private readonly string[][] _wordsByLength;
    private readonly Dictionary<string, string> _wordStems;
    private readonly string[] _reversedTerms;
    private readonly string[] _terms;
    private readonly double _maxIdf;
    private readonly Dictionary<string, string[]> _equivalents;

    private TermIndex(TermConcept[] concepts, List<(int Concept, string Label, LabelKind Kind, bool German)> labels)
    {
        _concepts = concepts;
        var folded = labels.Select(l => GermanWordAnalyzer.Words(l.Label)).ToArray();

        // Compounds are split into the words of German labels only, so English words do not cut German ones.
        _dictionary = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i].German)
            {
                _dictionary.UnionWith(folded[i].Where(w => w.Length >= 3 && !w.Any(char.IsDigit)));
            }
        }

        var analysed = new Dictionary<string, AnalyzedWord>(StringComparer.Ordinal);
        var english = new Dictionary<string, AnalyzedWord>(StringComparer.Ordinal);
        AnalyzedWord AnalyseEnglish(string word)
        {
            if (!english.TryGetValue(word, out var result))
            {
                result = new AnalyzedWord(word, EnglishTerm(word), []);
                english[word] = result;
            }

            return result;
        }

        AnalyzedWord Analyse(string word)
        {
            if (!analysed.TryGetValue(word, out var result))
            {
                result = new AnalyzedWord(word, GermanWordAnalyzer.Stem(word), GermanWordAnalyzer.SplitCompound(word, _dictionary));
                analysed[word] = result;
            }

            return result;
        }

        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var seen = new HashSet<(int, string)>();
        var entryConcept = new List<int>();
        var entryLabel = new List<string>();
        var entryKey = new List<string>();
        var entryBonus = new List<int>();
        var entryWords = new List<AnalyzedWord[]>();
        for (var i = 0; i < labels.Count; i++)
        {
            var key = string.Join(' ', folded[i]);
            if (key.Length == 0 || !seen.Add((labels[i].Concept, key)))
            {
                continue;
            }

            var entry = entryConcept.Count;
            var words = labels[i].German ? folded[i].Select(Analyse).ToArray() : folded[i].Select(AnalyseEnglish).ToArray();
            entryConcept.Add(labels[i].Concept);
            entryLabel.Add(labels[i].Label);
            entryKey.Add(key);
            entryBonus.Add(labels[i].Kind switch { LabelKind.Preferred => 30, LabelKind.Synonym => SynonymBonus, _ => 10 });
            entryWords.Add(words);
            foreach (var term in words.SelectMany(w => w.Parts.Prepend(w.Stem)).Distinct(StringComparer.Ordinal))
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    list = [];
                    postings[term] = list;
                }

                list.Add(entry);
            }
        }

        _entryConcept = [.. entryConcept];
        _entryLabel = [.. entryLabel];
        _entryKey = [.. entryKey];
        _entryBonus = [.. entryBonus];
        _entryWords = [.. entryWords];
        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _idf = postings.ToDictionary(p => p.Key, p => Math.Log(1 + ((double)_entryConcept.Length / p.Value.Count)), StringComparer.Ordinal);
        _maxIdf = _idf.Values.Max();
        _terms = [.. _postings.Keys.Where(k => !k.StartsWith("en:", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        _reversedTerms = [.. _postings.Keys.Where(k => !k.StartsWith("en:", StringComparison.Ordinal)).Select(Reverse).Order(StringComparer.Ordinal)];
        _equivalents = MineEquivalents(entryConcept, entryBonus, entryWords);
        _wordStems = analysed.ToDictionary(a => a.Key, a => a.Value.Stem, StringComparer.Ordinal);
        _wordsByLength = new string[_wordStems.Keys.Max(k => k.Length) + 1][];
        foreach (var group in _wordStems.Keys.GroupBy(k => k.Length))
        {
            _wordsByLength[group.Key] = [.. group];
        }
    }

    /// <summary>
    /// Words ESCO itself uses for the same thing, found without a curated list: two German labels of one
    /// concept that are the same word for word (compound parts counted as words) but for one word
    /// ("Müllsortierer"/"Abfallsortierer", "Autolackierer"/"Fahrzeuglackierer") make that pair
    /// equivalent, when at least <see cref="MinEquivalentSupport"/> concepts show it. Synonym-file
    /// labels are left out, so the pairs come from ESCO alone.
    /// </summary>
    private static Dictionary<string, string[]> MineEquivalents(List<int> entryConcept, List<int> entryBonus, List<AnalyzedWord[]> entryWords)
    {
        var byConcept = new Dictionary<int, List<string[]>>();
        for (var e = 0; e < entryConcept.Count; e++)
        {
            var words = entryWords[e];
            if (entryBonus[e] == SynonymBonus || words.Length == 0 || words.Any(w => w.Stem.StartsWith("en:", StringComparison.Ordinal)))
            {
                continue;
            }

            if (!byConcept.TryGetValue(entryConcept[e], out var list))
            {
                list = [];
                byConcept[entryConcept[e]] = list;
            }

            if (list.Count < MaxLabelsMined)
            {
                list.Add([.. words.SelectMany(w => w.Parts.Length > 0 ? w.Parts : [w.Stem])]);
            }
        }

        var support = new Dictionary<(string, string), int>();
        foreach (var labels in byConcept.Values)
        {
            var pairs = new HashSet<(string, string)>();
            for (var i = 0; i < labels.Count; i++)
            {
                for (var j = i + 1; j < labels.Count; j++)
                {
                    var (a, b) = (labels[i], labels[j]);
                    if (a.Length != b.Length)
                    {
                        continue;
                    }

                    var differ = -1;
                    for (var k = 0; k < a.Length && differ != -2; k++)
                    {
                        if (!string.Equals(a[k], b[k], StringComparison.Ordinal))
                        {
                            differ = differ == -1 ? k : -2;
                        }
                    }

                    if (differ >= 0 && a[differ].Length >= 4 && b[differ].Length >= 4)
                    {
                        pairs.Add(string.CompareOrdinal(a[differ], b[differ]) < 0 ? (a[differ], b[differ]) : (b[differ], a[differ]));
                    }
                }
            }

            foreach (var pair in pairs)
            {
                support[pair] = support.GetValueOrDefault(pair) + 1;
            }
        }

        return support.Where(p => p.Value >= MinEquivalentSupport)
            .SelectMany(p => new[] { (From: p.Key.Item1, To: p.Key.Item2), (From: p.Key.Item2, To: p.Key.Item1) })
            .GroupBy(p => p.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.To).ToArray(), StringComparer.Ordinal);
    }

    private const int SynonymBonus = 25;
    private const int MaxLabelsMined = 40;
    private const int MinEquivalentSupport = 2;

    internal IReadOnlyList<string> Equivalents(string term) => _equivalents.TryGetValue(term, out var list) ? list : [];

    internal int EquivalentPairs => _equivalents.Values.Sum(v => v.Length) / 2;

    public TermConcept Concept(int index) => _concepts[index];

    public IReadOnlyList<TermConcept> Concepts => _concepts;

    public int EntryCount => _entryConcept.Length;

    internal bool Knows(string term) => _postings.ContainsKey(term);

    /// <summary>The analysed words of a text, against this index's compound dictionary.</summary>
    public AnalyzedWord[] Analyse(string text) =>
        [.. GermanWordAnalyzer.Words(text).Select(w => new AnalyzedWord(w, GermanWordAnalyzer.Stem(w), GermanWordAnalyzer.SplitCompound(w, _dictionary)))];

    /// <summary>
    /// English labels are matched word for word in a term space of their own, so an English word
    /// never meets a German stem ("staple" is not "Stapler").
    /// </summary>
    private static string EnglishTerm(string word) =>
        "en:" + (word.Length > 3 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word);

    private static string Reverse(string text) => string.Create(text.Length, text, (span, t) =>
    {
        t.AsSpan().CopyTo(span);
        span.Reverse();
    });

    public static TermIndex Build(ReferenceData reference)
    {
        var concepts = new List<TermConcept>();
        var labels = new List<(int, string, LabelKind, bool)>();
        var byKey = new Dictionary<(TermKind, string), int>();

        int Add(TermKind kind, string id, string label)
        {
            var index = concepts.Count;
            concepts.Add(new TermConcept(kind, id, label, index));
            byKey[(kind, id)] = index;
            return index;
        }

        foreach (var skill in reference.Taxonomy.Skills.Where(s => s.Kind != SkillKind.Group))
        {
            var c = Add(TermKind.Skill, skill.Id, skill.LabelDe.Length > 0 ? skill.LabelDe : skill.LabelEn);
            labels.Add((c, skill.LabelDe, LabelKind.Preferred, true));
            labels.Add((c, skill.LabelEn, LabelKind.Alternative, false));
            labels.AddRange(skill.AltLabelsDe.Select(a => (c, a, LabelKind.Alternative, true)));
            labels.AddRange(skill.AltLabelsEn.Select(a => (c, a, LabelKind.Alternative, false)));
        }

        foreach (var occupation in reference.Taxonomy.Occupations)
        {
            var c = Add(TermKind.Occupation, occupation.Id, occupation.LabelDe.Length > 0 ? occupation.LabelDe : occupation.LabelEn);
            foreach (var form in occupation.LabelDe.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                labels.Add((c, form, LabelKind.Preferred, true));
            }

            labels.Add((c, occupation.LabelEn, LabelKind.Alternative, false));
            labels.AddRange(occupation.AltLabelsDe.Select(a => (c, a, LabelKind.Alternative, true)));
            labels.AddRange(occupation.AltLabelsEn.Select(a => (c, a, LabelKind.Alternative, false)));
        }

        foreach (var certificate in reference.Vocabulary.Certificates)
        {
            var c = Add(TermKind.Certificate, certificate.Code, certificate.LabelDe);
            labels.Add((c, certificate.LabelDe, LabelKind.Preferred, true));
            labels.Add((c, certificate.LabelEn, LabelKind.Alternative, false));
        }

        foreach (var language in reference.Vocabulary.Languages)
        {
            var c = Add(TermKind.Language, language.Code, language.LabelDe);
            labels.Add((c, language.LabelDe, LabelKind.Preferred, true));
            labels.Add((c, language.LabelEn, LabelKind.Alternative, false));
        }

        foreach (var synonym in reference.Vocabulary.Synonyms)
        {
            if (byKey.TryGetValue((Kind(synonym.Target), synonym.TargetId), out var c))
            {
                labels.Add((c, synonym.Term, LabelKind.Synonym, true));
            }
        }

        return new TermIndex([.. concepts], labels);
    }

    private static TermKind Kind(SynonymTarget target) => target switch
    {
        SynonymTarget.Skill => TermKind.Skill,
        SynonymTarget.Occupation => TermKind.Occupation,
        SynonymTarget.Certificate => TermKind.Certificate,
        _ => TermKind.Language,
    };
}
