using Microsoft.AspNetCore.Http.HttpResults;
using SkillsMatch.Engine.Intake;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Server.Api;

namespace SkillsMatch.Server.Features.Reference;

public sealed record SkillRef(string Id, string Label);

public sealed record SkillResult(string Id, string Label, string LabelDe, string LabelEn, SkillKind Kind, ReuseLevel Reuse, string MatchedLabel, MatchKind Match);

public sealed record SkillDetail(
    string Id, string Label, string LabelDe, string LabelEn, SkillKind Kind, ReuseLevel Reuse,
    IReadOnlyList<string> AltLabelsDe, IReadOnlyList<string> AltLabelsEn, IReadOnlyList<string> Synonyms,
    IReadOnlyList<SkillRef> Broader, IReadOnlyList<SkillRef> RelatedEssential, IReadOnlyList<SkillRef> RelatedOptional);

public sealed record OccupationResult(
    string Id, string Label, string LabelDe, string LabelEn, string IscoGroup, string MatchedLabel, MatchKind Match,
    IReadOnlyList<SkillRef> EssentialSkills, IReadOnlyList<SkillRef> OptionalSkills);

public sealed record CodeLabel(string Code, string Label);

/// <summary>An everyday phrase resolved: kind, id (skill or occupation id, certificate code, ISO 639-1 language code), label, the label that matched, score.</summary>
public sealed record TermResult(TermKind Kind, string Id, string Label, string MatchedLabel, int Score);

public sealed record CertificateResult(string Code, string Label, CertificateKind Kind, string? SkillId);

public sealed record VocabularyResponse(
    IReadOnlyList<CertificateResult> Certificates, IReadOnlyList<CodeLabel> Languages, IReadOnlyList<CodeLabel> Barriers, IReadOnlyList<CodeLabel> Sectors);

public static class ReferenceEndpoints
{
    private const int MaxLimit = 100;

    public static void MapReferenceEndpoints(this IEndpointRouteBuilder routes)
    {
        // The ESCO taxonomy and the regions are public reference data: no sign-in needed.
        var group = routes.MapGroup("/api").WithTags("Reference data").AllowAnonymous();

        group.MapGet("/skills", Results<Ok<List<SkillResult>>, ValidationProblem> (string? q, int? limit, ReferenceData reference) =>
        {
            var problems = CheckSearch(q, limit);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var language = Texts.Current;
            return TypedResults.Ok(reference.Taxonomy.SearchSkills(q!, limit ?? 20)
                .Select(h => new SkillResult(h.Skill.Id, h.Skill.Label(language), h.Skill.LabelDe, h.Skill.LabelEn, h.Skill.Kind, h.Skill.Reuse, h.MatchedLabel, h.MatchKind))
                .ToList());
        });

        // What employers type ("Staplerfahrer", "gute Deutschkenntnisse", "Führerschein CE") as skills,
        // certificates, languages and occupations in one ranked list.
        group.MapGet("/terms", Results<Ok<List<TermResult>>, ValidationProblem> (string? q, int? limit, ReferenceData reference) =>
        {
            var problems = CheckSearch(q, limit);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            return TypedResults.Ok(reference.Terms.Search(q!, limit ?? 10)
                .Select(h => new TermResult(h.Kind, h.Id, TermLabel(h, reference), h.MatchedLabel, h.Score))
                .ToList());
        });

        group.MapGet("/skills/{id}", Results<Ok<SkillDetail>, ProblemHttpResult> (string id, ReferenceData reference) =>
        {
            if (reference.Taxonomy.FindSkill(id) is not { } skill)
            {
                return Problems.NotFound(Texts.Pick("Kompetenz", "skill"), id);
            }

            var language = Texts.Current;
            List<SkillRef> Refs(int[] indices) => [.. indices.Select(i => reference.Taxonomy.Skills[i]).Select(s => new SkillRef(s.Id, s.Label(language)))];
            return TypedResults.Ok(new SkillDetail(
                skill.Id, skill.Label(language), skill.LabelDe, skill.LabelEn, skill.Kind, skill.Reuse, skill.AltLabelsDe, skill.AltLabelsEn,
                [.. reference.Vocabulary.Synonyms.Where(s => s.Target == SynonymTarget.Skill && s.TargetId == skill.Id).Select(s => s.Term)],
                Refs(skill.Broader), Refs(skill.RelatedEssential), Refs(skill.RelatedOptional)));
        });

        group.MapGet("/occupations", Results<Ok<List<OccupationResult>>, ValidationProblem> (string? q, int? limit, ReferenceData reference) =>
        {
            var problems = CheckSearch(q, limit);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            return TypedResults.Ok(reference.Taxonomy.SearchOccupations(q!, limit ?? 20)
                .Select(h => ToResult(h.Occupation, h.MatchedLabel, h.MatchKind, reference))
                .ToList());
        });

        group.MapGet("/occupations/{id}", Results<Ok<OccupationResult>, ProblemHttpResult> (string id, ReferenceData reference) =>
            reference.Taxonomy.FindOccupation(id) is { } occupation
                ? TypedResults.Ok(ToResult(occupation, occupation.Label(Texts.Current), MatchKind.Exact, reference))
                : Problems.NotFound(Texts.Pick("Beruf", "occupation"), id));

        group.MapGet("/regions", Results<Ok<List<Municipality>>, ValidationProblem> (string? q, string? district, int? limit, ReferenceData reference) =>
        {
            var problems = q is null ? new ProblemBuilder() : CheckSearch(q, limit);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var found = q is null ? reference.Regions.Municipalities : reference.Regions.Search(q, reference.Regions.Municipalities.Count);
            return TypedResults.Ok(found
                .Where(m => district is null || m.DistrictAgs == district || m.AssociationCode == district)
                .Take(q is null ? int.MaxValue : limit ?? 20)
                .ToList());
        }).WithDescription("All municipalities, or with q those whose name or whose association's (Verbandsgemeinde) name matches, umlauts folded: the name itself first, then names starting with q, names with a word starting with q, then the municipalities of a matching association. district narrows to a district (5 digits) or association key (9 digits).");

        group.MapGet("/vocabulary", (ReferenceData reference) =>
        {
            var german = Texts.Current == Language.German;
            var vocabulary = reference.Vocabulary;
            return TypedResults.Ok(new VocabularyResponse(
                [.. vocabulary.Certificates.Select(c => new CertificateResult(c.Code, german ? c.LabelDe : c.LabelEn, c.Kind, c.SkillId))],
                [.. vocabulary.Languages.Select(l => new CodeLabel(l.Code, german ? l.LabelDe : l.LabelEn))],
                [.. vocabulary.Barriers.Select(b => new CodeLabel(b.Code, german ? b.LabelDe : b.LabelEn))],
                [.. vocabulary.Sectors.Select(s => new CodeLabel(s.Code, german ? s.LabelDe : s.LabelEn))]));
        });
    }

    private static string TermLabel(TermHit hit, ReferenceData reference)
    {
        var language = Texts.Current;
        return hit.Kind switch
        {
            TermKind.Skill => reference.Taxonomy.FindSkill(hit.Id)?.Label(language),
            TermKind.Occupation => reference.Taxonomy.FindOccupation(hit.Id)?.Label(language),
            TermKind.Certificate => reference.Vocabulary.FindCertificate(hit.Id)?.Label(language),
            _ => reference.Vocabulary.FindLanguage(hit.Id) is { } l ? (language == Language.German ? l.LabelDe : l.LabelEn) : null,
        } ?? hit.Label;
    }

    private static ProblemBuilder CheckSearch(string? q, int? limit)
    {
        var problems = new ProblemBuilder();
        if (string.IsNullOrWhiteSpace(q) || TextNormalizer.Normalize(q).Length == 0)
        {
            problems.Add("q", Texts.Pick("Suchbegriff fehlt.", "Search text is missing."));
        }
        else if (q.Length > 200)
        {
            problems.Add("q", Texts.Pick("Suchbegriff ist länger als 200 Zeichen.", "Search text is longer than 200 characters."));
        }

        if (limit is < 1 or > MaxLimit)
        {
            problems.Add("limit", Texts.Pick($"Limit muss zwischen 1 und {MaxLimit} liegen.", $"Limit must be between 1 and {MaxLimit}."));
        }

        return problems;
    }

    private static OccupationResult ToResult(Occupation o, string matched, MatchKind match, ReferenceData reference)
    {
        var language = Texts.Current;
        List<SkillRef> Refs(int[] indices) => [.. indices.Select(i => reference.Taxonomy.Skills[i]).Select(s => new SkillRef(s.Id, s.Label(language)))];
        return new OccupationResult(o.Id, o.Label(language), o.LabelDe, o.LabelEn, o.IscoGroup, matched, match, Refs(o.EssentialSkills), Refs(o.OptionalSkills));
    }
}
