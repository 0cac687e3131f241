using SkillsMatch.Engine.Reference;

namespace SkillsMatch.Engine.Taxonomy;

/// <summary>A skill search result.</summary>
public sealed record SkillHit(Skill Skill, string MatchedLabel, LabelKind LabelKind, MatchKind MatchKind, int Score);

/// <summary>An occupation search result.</summary>
public sealed record OccupationHit(Occupation Occupation, string MatchedLabel, LabelKind LabelKind, MatchKind MatchKind, int Score);

/// <summary>
/// The ESCO skills pillar and occupations, loaded from <c>data/esco/</c>, searchable by German
/// and English preferred and alternative labels and by the curated German synonyms.
/// </summary>
public sealed class SkillTaxonomy
{
    private readonly Dictionary<string, int> _skillsById;
    private readonly Dictionary<string, int> _occupationsById;
    private readonly LabelIndex _skillLabels;
    private readonly LabelIndex _occupationLabels;

    private SkillTaxonomy(Skill[] skills, Occupation[] occupations, IReadOnlyList<Synonym> synonyms)
    {
        Skills = skills;
        Occupations = occupations;
        _skillsById = skills.ToDictionary(s => s.Id, s => s.Index, StringComparer.Ordinal);
        _occupationsById = occupations.ToDictionary(o => o.Id, o => o.Index, StringComparer.Ordinal);
        // The two indices are independent; building them side by side halves start-up on two cores.
        var occupationLabels = Task.Run(() => LabelIndex.Build(OccupationLabels(occupations, synonyms)));
        _skillLabels = LabelIndex.Build(SkillLabels(skills, synonyms));
        _occupationLabels = occupationLabels.GetAwaiter().GetResult();
    }

    public IReadOnlyList<Skill> Skills { get; }

    public IReadOnlyList<Occupation> Occupations { get; }

    public Skill? FindSkill(string id) => _skillsById.TryGetValue(id, out var i) ? Skills[i] : null;

    public Occupation? FindOccupation(string id) => _occupationsById.TryGetValue(id, out var i) ? Occupations[i] : null;

    /// <summary>Skills and knowledge items (not groups) matching the query, best first.</summary>
    public IReadOnlyList<SkillHit> SearchSkills(string query, int limit) =>
        _skillLabels.Search(query, limit, i => Skills[i].Kind != SkillKind.Group)
            .Select(h => new SkillHit(Skills[h.Target], h.MatchedLabel, h.LabelKind, h.MatchKind, h.Score))
            .ToList();

    public IReadOnlyList<OccupationHit> SearchOccupations(string query, int limit) =>
        _occupationLabels.Search(query, limit)
            .Select(h => new OccupationHit(Occupations[h.Target], h.MatchedLabel, h.LabelKind, h.MatchKind, h.Score))
            .ToList();

    public static SkillTaxonomy Load(string dataDirectory, IReadOnlyList<Synonym> synonyms)
    {
        var folder = Path.Combine(dataDirectory, "esco");
        var skills = TaxonomyFiles.ReadRows(Path.Combine(folder, TaxonomyFiles.SkillsFile))
            .Select((r, i) => new Skill
            {
                Index = i,
                Id = r[0],
                Kind = Enum.Parse<SkillKind>(r[1]),
                Reuse = Enum.Parse<ReuseLevel>(r[2]),
                LabelEn = r[3],
                LabelDe = r[4],
                AltLabelsEn = TaxonomyFiles.SplitList(r[5]),
                AltLabelsDe = TaxonomyFiles.SplitList(r[6]),
                Broader = TaxonomyFiles.SplitIndices(r[7]),
                RelatedEssential = TaxonomyFiles.SplitIndices(r[8]),
                RelatedOptional = TaxonomyFiles.SplitIndices(r[9]),
            })
            .ToArray();
        var occupations = TaxonomyFiles.ReadRows(Path.Combine(folder, TaxonomyFiles.OccupationsFile))
            .Select((r, i) => new Occupation
            {
                Index = i,
                Id = r[0],
                IscoGroup = r[1],
                Code = r[2],
                LabelEn = r[3],
                LabelDe = r[4],
                AltLabelsEn = TaxonomyFiles.SplitList(r[5]),
                AltLabelsDe = TaxonomyFiles.SplitList(r[6]),
                EssentialSkills = TaxonomyFiles.SplitIndices(r[7]),
                OptionalSkills = TaxonomyFiles.SplitIndices(r[8]),
            })
            .ToArray();
        return new SkillTaxonomy(skills, occupations, synonyms);
    }

    private IEnumerable<(int, string, LabelKind)> SkillLabels(Skill[] skills, IReadOnlyList<Synonym> synonyms)
    {
        foreach (var s in skills)
        {
            yield return (s.Index, s.LabelDe, LabelKind.Preferred);
            yield return (s.Index, s.LabelEn, LabelKind.Preferred);
            foreach (var alt in s.AltLabelsDe)
            {
                yield return (s.Index, alt, LabelKind.Alternative);
            }

            foreach (var alt in s.AltLabelsEn)
            {
                yield return (s.Index, alt, LabelKind.Alternative);
            }
        }

        foreach (var synonym in synonyms.Where(s => s.Target == SynonymTarget.Skill))
        {
            if (_skillsById.TryGetValue(synonym.TargetId, out var index))
            {
                yield return (index, synonym.Term, LabelKind.Synonym);
            }
        }
    }

    private IEnumerable<(int, string, LabelKind)> OccupationLabels(Occupation[] occupations, IReadOnlyList<Synonym> synonyms)
    {
        foreach (var o in occupations)
        {
            yield return (o.Index, o.LabelDe, LabelKind.Preferred);

            // "Lagerarbeiter/Lagerarbeiterin": each gender form is a preferred label of its own.
            foreach (var form in o.LabelDe.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return (o.Index, form, LabelKind.Preferred);
            }

            yield return (o.Index, o.LabelEn, LabelKind.Preferred);
            foreach (var alt in o.AltLabelsDe)
            {
                yield return (o.Index, alt, LabelKind.Alternative);
            }

            foreach (var alt in o.AltLabelsEn)
            {
                yield return (o.Index, alt, LabelKind.Alternative);
            }
        }

        foreach (var synonym in synonyms.Where(s => s.Target == SynonymTarget.Occupation))
        {
            if (_occupationsById.TryGetValue(synonym.TargetId, out var index))
            {
                yield return (index, synonym.Term, LabelKind.Synonym);
            }
        }
    }
}
