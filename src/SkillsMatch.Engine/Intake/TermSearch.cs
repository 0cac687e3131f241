using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Intake;

/// <summary>What an everyday phrase resolved to.</summary>
public enum TermKind
{
    Skill,
    Certificate,
    Language,
    Occupation,
}

/// <summary>
/// One resolution of a phrase: a skill id, certificate code, language code (ISO 639-1) or
/// occupation id, with its German label, the label that matched and a score (higher is better).
/// </summary>
public sealed record TermHit(TermKind Kind, string Id, string Label, string MatchedLabel, int Score);

/// <summary>
/// Resolves what employers and caseworkers type ("Staplerschein", "Deutschkenntnisse",
/// "Kommissionierer") to skills, certificates, languages and occupations, best first. German
/// compounds, inflections, umlaut spellings and typos are understood (see <see cref="TermIndex"/>);
/// a language named with filler words ("gute Deutschkenntnisse") is the language; a job title also
/// brings the occupation's most characteristic essential skill. The index is built on first use.
/// </summary>
public sealed class TermSearch
{
    private const int LanguageOnlyScore = 1100;
    private const int LanguageMentionScore = 950;

    private readonly ReferenceData _reference;
    private readonly Lazy<TermIndex> _index;
    private readonly Lazy<int[]> _essentialCounts;
    private readonly int[] _characteristic;

    public TermSearch(ReferenceData reference)
    {
        _reference = reference;
        _index = new Lazy<TermIndex>(() => TermIndex.Build(reference), LazyThreadSafetyMode.ExecutionAndPublication);
        _essentialCounts = new Lazy<int[]>(CountEssentialUses, LazyThreadSafetyMode.ExecutionAndPublication);
        _characteristic = new int[reference.Taxonomy.Occupations.Count];
        Array.Fill(_characteristic, Unknown);
    }

    private const int Unknown = -2;

    /// <summary>Builds the index now instead of on the first search; returns the number of labels indexed.</summary>
    public int Prepare() => _index.Value.EntryCount;

    /// <summary>Hits of every kind for one phrase, best first.</summary>
    public IReadOnlyList<TermHit> Search(string phrase, int limit)
    {
        if (limit <= 0 || TextNormalizer.Normalize(phrase).Length == 0)
        {
            return [];
        }

        var index = _index.Value;
        var hits = new List<TermHit>(Languages(phrase));
        hits.AddRange(index.Search(phrase).Take(limit + 10).Select(h =>
        {
            var c = index.Concept(h.Concept);
            return new TermHit(c.Kind, c.Id, c.Label, h.MatchedLabel, h.Score);
        }));

        var ranked = hits
            .DistinctBy(h => (h.Kind, h.Id))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Label.Length)
            .ToList();

        // A job title ("Kommissionierer") names an occupation; its characteristic skill is what a need can require.
        var title = ranked.Take(limit).FirstOrDefault(h => h.Kind == TermKind.Occupation);
        if (title is not null && CharacteristicSkill(title.Id) is { } skill && !ranked.Any(h => h.Kind == TermKind.Skill && h.Id == skill.Id))
        {
            ranked.Insert(ranked.IndexOf(title) + 1, new TermHit(TermKind.Skill, skill.Id, skill.Label(Language.German), title.MatchedLabel, title.Score - 1));
        }

        return [.. ranked.Take(limit)];
    }

    /// <summary>
    /// The essential skill of an occupation that says most about it: one sharing words with the
    /// title first (a whole word counts twice a compound part), then a sector- or occupation-specific
    /// one, then the one fewest occupations list.
    /// </summary>
    public Skill? CharacteristicSkill(string occupationId)
    {
        var taxonomy = _reference.Taxonomy;
        if (taxonomy.FindOccupation(occupationId) is not { } occupation)
        {
            return null;
        }

        var chosen = Volatile.Read(ref _characteristic[occupation.Index]);
        if (chosen == Unknown)
        {
            var index = _index.Value;
            var title = occupation.AltLabelsDe.Prepend(occupation.LabelDe)
                .SelectMany(l => index.Analyse(l))
                .SelectMany(w => w.Parts.Prepend(w.Stem))
                .ToHashSet(StringComparer.Ordinal);
            var counts = _essentialCounts.Value;
            chosen = occupation.EssentialSkills
                .Where(i => taxonomy.Skills[i].Kind != SkillKind.Group)
                .OrderByDescending(i => index.Analyse(taxonomy.Skills[i].LabelDe).Sum(w => title.Contains(w.Stem) ? 2
                    : w.Parts.Any(title.Contains) || (w.Stem.Length >= 4 && title.Any(t => t.Contains(w.Stem, StringComparison.Ordinal))) ? 1
                    : 0))
                .ThenByDescending(i => taxonomy.Skills[i].Reuse is ReuseLevel.SectorSpecific or ReuseLevel.OccupationSpecific)
                .ThenBy(i => counts[i])
                .ThenBy(i => taxonomy.Skills[i].Id, StringComparer.Ordinal)
                .DefaultIfEmpty(-1)
                .First();
            Volatile.Write(ref _characteristic[occupation.Index], chosen);
        }

        return chosen >= 0 ? taxonomy.Skills[chosen] : null;
    }

    private int[] CountEssentialUses()
    {
        var counts = new int[_reference.Taxonomy.Skills.Count];
        foreach (var occupation in _reference.Taxonomy.Occupations)
        {
            foreach (var skill in occupation.EssentialSkills)
            {
                counts[skill]++;
            }
        }

        return counts;
    }

    // "Deutsch", "gute Deutschkenntnisse", "Englisch fließend", "Polnisch B1": a language with only filler around it.
    private static readonly HashSet<string> s_languageFiller = new(
        GermanWordAnalyzer.Words("gut gute guten sehr sicher sichere fließend fliessend flüssig verhandlungssicher " +
            "Wort Schrift Sprache Sprachkenntnisse Kenntnisse Kenntnis Grundkenntnisse Basiskenntnisse erweiterte " +
            "Muttersprache muttersprachlich Niveau mindestens Vorteil wünschenswert erforderlich zwingend " +
            "a1 a2 b1 b2 c1 c2 fluent good basic spoken written language skills"),
        StringComparer.Ordinal);

    private static readonly string[] s_languageEndings = ["", "e", "en", "er", "es", "em", "kenntnisse", "kenntnis", "sprachig", "sprachkenntnisse"];

    private IEnumerable<TermHit> Languages(string phrase)
    {
        var words = GermanWordAnalyzer.Words(phrase);
        var found = new List<(LanguageInfo Language, int Word)>();
        foreach (var language in _reference.Vocabulary.Languages)
        {
            var names = new[] { language.LabelDe, language.LabelEn }.Select(n => GermanWordAnalyzer.Words(n).FirstOrDefault()).OfType<string>();
            var word = words.FindIndex(w => names.Any(n => s_languageEndings.Any(e => w.Length == n.Length + e.Length && w.StartsWith(n, StringComparison.Ordinal) && w.EndsWith(e, StringComparison.Ordinal))));
            if (word >= 0)
            {
                found.Add((language, word));
            }
        }

        var onlyLanguage = words.Where((w, i) => !found.Any(f => f.Word == i)).All(s_languageFiller.Contains);
        return found.Select(f => new TermHit(TermKind.Language, f.Language.Code, f.Language.LabelDe, f.Language.LabelDe, onlyLanguage ? LanguageOnlyScore : LanguageMentionScore));
    }
}
