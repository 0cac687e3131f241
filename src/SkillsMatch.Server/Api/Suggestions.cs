using SkillsMatch.Engine.Intake;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Server.Api;

/// <summary>
/// The closest known entries for an unknown id, code or name, as the tail of a validation message:
/// " Meinten Sie: Trauben lesen (id …), …?" — empty when nothing is close. Only run on a refusal.
/// </summary>
public static class Suggestions
{
    public const int Count = 3;

    public static string Skills(ReferenceData reference, string? text) =>
        DidYouMean(Terms(reference, text, TermKind.Skill)
            .Select(h => reference.Taxonomy.FindSkill(h.Id))
            .Where(s => s is { Kind: not SkillKind.Group })
            .Select(s => $"{s!.Label(Texts.Current)} (id {s.Id})"));

    public static string Occupations(ReferenceData reference, string? text) =>
        DidYouMean(Terms(reference, text, TermKind.Occupation)
            .Select(h => reference.Taxonomy.FindOccupation(h.Id))
            .Where(o => o is not null)
            .Select(o => $"{o!.Label(Texts.Current)} (id {o.Id})"));

    public static string Certificates(ReferenceData reference, string? text)
    {
        var folded = TextNormalizer.Normalize(text);
        var byLabel = folded.Length < 2
            ? []
            : reference.Vocabulary.Certificates.Where(c =>
                TextNormalizer.Normalize(c.Code).StartsWith(folded, StringComparison.Ordinal)
                || TextNormalizer.Normalize(c.LabelDe).Contains(folded, StringComparison.Ordinal)
                || TextNormalizer.Normalize(c.LabelEn).Contains(folded, StringComparison.Ordinal));
        return DidYouMean(Terms(reference, text, TermKind.Certificate)
            .Select(h => reference.Vocabulary.FindCertificate(h.Id))
            .Concat(byLabel)
            .Where(c => c is not null)
            .DistinctBy(c => c!.Code)
            .Select(c => $"{c!.Label(Texts.Current)} ({c.Code})"));
    }

    public static string Municipalities(ReferenceData reference, string? text) =>
        DidYouMean(reference.Regions.Search(text ?? "", Count).Select(m => $"{m.Name} (AGS {m.Ags})"));

    public static string Sectors(ReferenceData reference, string? text) =>
        DidYouMean(reference.Vocabulary.SuggestSectors(text ?? "", Count)
            .Select(s => $"{(Texts.Current == Language.German ? s.LabelDe : s.LabelEn)} ({s.Code})"));

    private static IEnumerable<TermHit> Terms(ReferenceData reference, string? text, TermKind kind) =>
        string.IsNullOrWhiteSpace(text) || text.Length > 200
            ? []
            : reference.Terms.Search(text, 10).Where(h => h.Kind == kind);

    private static string Join(IEnumerable<string> items) => string.Join(", ", items.Take(Count));

    private static string DidYouMean(IEnumerable<string> items)
    {
        var list = Join(items);
        return list.Length == 0 ? "" : Texts.Pick($" Meinten Sie: {list}?", $" Did you mean: {list}?");
    }
}
