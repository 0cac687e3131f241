using Microsoft.AspNetCore.Http.HttpResults;
using SkillsMatch.Engine.Intake;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;

namespace SkillsMatch.Server.Features.Needs;

public sealed record NeedDraftRequest(string? Text);

public sealed record DraftSpanResponse(int Start, int Length);

/// <summary>One item read from the text; <c>field</c> names the <see cref="NeedInput"/> field it fills (plus <c>weekendWork</c>).</summary>
public sealed record DraftItemResponse(string Field, string Value, string Label, DraftSpanResponse Span, double Confidence, bool? MustHave);

public sealed record DraftSuggestionResponse(string Kind, string Id, string Label);

public sealed record UnresolvedResponse(string Text, DraftSpanResponse Span, IReadOnlyList<DraftSuggestionResponse> Suggestions);

/// <summary>
/// A need read from a sentence: <c>need</c> is what POST /api/needs takes once the employer id is
/// added (and the fields the text did not name are filled in); nothing is stored.
/// </summary>
public sealed record NeedDraftResponse(NeedInput Need, bool? WeekendWork, IReadOnlyList<DraftItemResponse> Items, IReadOnlyList<UnresolvedResponse> Unresolved);

public static class NeedDraftEndpoints
{
    /// <summary>POST /api/needs/draft, on the needs group: the same policy as posting a need.</summary>
    public static RouteGroupBuilder MapNeedDraftEndpoint(this RouteGroupBuilder needs)
    {
        needs.MapPost("/draft", Results<Ok<NeedDraftResponse>, ValidationProblem> (
            NeedDraftRequest request, NeedTextParser parser, ReferenceData reference, TimeProvider clock) =>
            Draft(request, parser, reference, clock));
        return needs;
    }

    /// <summary>Reads a need from a sentence; stores nothing.</summary>
    internal static Results<Ok<NeedDraftResponse>, ValidationProblem> Draft(
        NeedDraftRequest request, NeedTextParser parser, ReferenceData reference, TimeProvider clock)
    {
        var problems = new ProblemBuilder();
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            problems.Add("text", Texts.Pick("Bitte einen Text angeben.", "Please give a text."));
        }
        else if (request.Text.Length > NeedTextParser.MaxLength)
        {
            problems.Add("text", Texts.Pick(
                $"Der Text ist länger als {NeedTextParser.MaxLength} Zeichen.",
                $"The text is longer than {NeedTextParser.MaxLength} characters."));
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var draft = parser.Parse(request.Text!, clock.Today());
        return TypedResults.Ok(new NeedDraftResponse(
            ToInput(draft),
            draft.WeekendWork,
            [.. draft.Items.Select(i => new DraftItemResponse(FieldName(i), i.Value, Label(i, reference), new DraftSpanResponse(i.Span.Start, i.Span.Length), i.Confidence, i.MustHave))],
            [.. draft.Unresolved.Select(u => new UnresolvedResponse(
                u.Text, new DraftSpanResponse(u.Span.Start, u.Span.Length), [.. u.Suggestions.Select(s => new DraftSuggestionResponse(s.Kind, s.Id, s.Label))]))]));
    }

    /// <summary>
    /// The draft as a need input: skills at level 1, must-have certificates in <c>certificates</c>,
    /// nice-to-have ones in <c>niceToHaveCertificates</c>; weekend work, which a need cannot hold yet,
    /// in the further abilities.
    /// </summary>
    private static NeedInput ToInput(NeedDraft draft)
    {
        var further = new List<string>();
        if (draft.WeekendWork is { } weekend)
        {
            further.Add(weekend ? "Bereitschaft zu Wochenendarbeit" : "Keine Wochenendarbeit");
        }

        return new NeedInput(
            Kind: Enum.Parse<NeedKind>(draft.Kind),
            EmployerId: null,
            ForumRoundId: null,
            Title: draft.Title,
            OccupationId: draft.OccupationId,
            Headcount: draft.Headcount,
            PeriodStart: draft.PeriodStart,
            PeriodEnd: draft.PeriodEnd,
            HoursPerWeek: draft.HoursPerWeek,
            ShiftWork: draft.ShiftWork,
            MunicipalityAgs: draft.MunicipalityAgs,
            MaxCommuteMinutes: null,
            MustHave: [.. draft.MustHave.Select(s => new SkillRequirementInput(s, 1))],
            NiceToHave: [.. draft.NiceToHave.Select(s => new SkillRequirementInput(s, 1))],
            Certificates: [.. draft.MustCertificates],
            Languages: [.. draft.Languages.Select(l => new LanguageInput(l.Code, l.Level))],
            FurtherAbilities: further.Count == 0 ? null : string.Join(". ", further) + ".",
            Status: null,
            Version: null,
            NiceToHaveCertificates: [.. draft.NiceCertificates.Where(c => !draft.MustCertificates.Contains(c))]);
    }

    /// <summary>Skills, occupations and certificates in the language of the request; the parser's German labels otherwise.</summary>
    private static string Label(DraftItem item, ReferenceData reference)
    {
        var language = Texts.Current;
        return item.Field switch
        {
            DraftField.MustHaveSkill or DraftField.NiceToHaveSkill => reference.Taxonomy.FindSkill(item.Value)?.Label(language),
            DraftField.Occupation => reference.Taxonomy.FindOccupation(item.Value)?.Label(language),
            DraftField.Certificate => reference.Vocabulary.FindCertificate(item.Value)?.Label(language),
            _ => null,
        } ?? item.Label;
    }

    private static string FieldName(DraftItem item) => item.Field switch
    {
        DraftField.Kind => "kind",
        DraftField.Title => "title",
        DraftField.Occupation => "occupationId",
        DraftField.Headcount => "headcount",
        DraftField.PeriodStart => "periodStart",
        DraftField.PeriodEnd => "periodEnd",
        DraftField.HoursPerWeek => "hoursPerWeek",
        DraftField.ShiftWork => "shiftWork",
        DraftField.WeekendWork => "weekendWork",
        DraftField.Municipality => "municipalityAgs",
        DraftField.MustHaveSkill => "mustHave",
        DraftField.NiceToHaveSkill => "niceToHave",
        DraftField.Certificate => item.MustHave == false ? "niceToHaveCertificates" : "certificates",
        DraftField.Language => "languages",
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };
}
