using SkillsMatch.Engine.Intake;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Server.Pages;

/// <summary>A skill a user typed on a form, by id or by name, as the employer's and the caseworker's forms read it.</summary>
internal static class SkillNames
{
    /// <summary>
    /// A skill by id or by a name the taxonomy or the term search (GET /api/terms) knows exactly;
    /// anything else goes on as typed, and the API's validator refuses it with its suggestions.
    /// </summary>
    public static string Resolve(string typed, ReferenceData reference)
    {
        var text = typed.Trim();
        if (reference.Taxonomy.FindSkill(text) is { } skill)
        {
            return skill.Id;
        }

        var folded = TextNormalizer.Normalize(text);
        var byLabel = reference.Taxonomy.SearchSkills(text, 5)
            .FirstOrDefault(h => h.MatchKind == MatchKind.Exact && h.Skill.Kind != SkillKind.Group && TextNormalizer.Normalize(h.MatchedLabel) == folded);
        if (byLabel is not null)
        {
            return byLabel.Skill.Id;
        }

        var term = reference.Terms.Search(text, 5).FirstOrDefault(h => h.Kind == TermKind.Skill && TextNormalizer.Normalize(h.MatchedLabel) == folded);
        return term?.Id ?? text;
    }
}
