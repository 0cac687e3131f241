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
/// "Kommissionierer") to skills, certificates, languages and occupations, best first.
/// </summary>
public sealed class TermSearch
{
    private readonly ReferenceData _reference;

    public TermSearch(ReferenceData reference)
    {
        _reference = reference;
    }

    /// <summary>Hits of every kind for one phrase, best first.</summary>
    public IReadOnlyList<TermHit> Search(string phrase, int limit)
    {
        var folded = TextNormalizer.Normalize(phrase);
        if (folded.Length == 0 || limit <= 0)
        {
            return [];
        }

        var vocabulary = _reference.Vocabulary;
        var hits = new List<TermHit>();
        foreach (var synonym in vocabulary.Synonyms.Where(s => TextNormalizer.Normalize(s.Term) == folded))
        {
            switch (synonym.Target)
            {
                case SynonymTarget.Certificate when vocabulary.FindCertificate(synonym.TargetId) is { } certificate:
                    hits.Add(new TermHit(TermKind.Certificate, certificate.Code, certificate.LabelDe, synonym.Term, 1100));
                    break;
                case SynonymTarget.Language when vocabulary.FindLanguage(synonym.TargetId) is { } language:
                    hits.Add(new TermHit(TermKind.Language, language.Code, language.LabelDe, synonym.Term, 1100));
                    break;
            }
        }

        foreach (var certificate in vocabulary.Certificates.Where(c => TextNormalizer.Normalize(c.LabelDe) == folded))
        {
            hits.Add(new TermHit(TermKind.Certificate, certificate.Code, certificate.LabelDe, certificate.LabelDe, 1100));
        }

        foreach (var language in vocabulary.Languages.Where(l => TextNormalizer.Normalize(l.LabelDe) == folded))
        {
            hits.Add(new TermHit(TermKind.Language, language.Code, language.LabelDe, language.LabelDe, 1100));
        }

        hits.AddRange(_reference.Taxonomy.SearchSkills(phrase, limit)
            .Select(h => new TermHit(TermKind.Skill, h.Skill.Id, h.Skill.LabelDe, h.MatchedLabel, h.Score)));
        hits.AddRange(_reference.Taxonomy.SearchOccupations(phrase, limit)
            .Select(h => new TermHit(TermKind.Occupation, h.Occupation.Id, h.Occupation.LabelDe, h.MatchedLabel, h.Score - 50)));

        return hits
            .DistinctBy(h => (h.Kind, h.Id))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Label.Length)
            .Take(limit)
            .ToList();
    }
}
