using SkillsMatch.Engine.Intake;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Tests;

/// <summary>
/// The first version of <see cref="TermSearch"/> (commit 0a8c7be), kept unchanged so the phrase-set
/// test measures the improvement against it instead of quoting a figure.
/// </summary>
internal sealed class NaiveTermSearch
{
    private readonly ReferenceData _reference;

    public NaiveTermSearch(ReferenceData reference)
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
