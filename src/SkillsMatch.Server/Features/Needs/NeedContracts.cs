using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Needs;

public sealed record SkillRequirementInput(string? SkillId, int? MinLevel);

public sealed record LanguageInput(string? Code, string? Level);

public sealed record NeedInput(
    NeedKind? Kind,
    int? EmployerId,
    int? ForumRoundId,
    string? Title,
    string? OccupationId,
    int? Headcount,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    int? HoursPerWeek,
    bool? ShiftWork,
    string? MunicipalityAgs,
    int? MaxCommuteMinutes,
    List<SkillRequirementInput>? MustHave,
    List<SkillRequirementInput>? NiceToHave,
    List<string>? Certificates,
    List<LanguageInput>? Languages,
    string? FurtherAbilities,
    NeedStatus? Status,
    long? Version);

public sealed record NeedSkillResponse(string SkillId, string Label, int MinLevel);

public sealed record LanguageResponse(string Code, string Level);

public sealed record NeedResponse(
    int Id,
    NeedKind Kind,
    int EmployerId,
    int? ForumRoundId,
    string Title,
    string? OccupationId,
    string? OccupationLabel,
    int Headcount,
    DateOnly PeriodStart,
    DateOnly? PeriodEnd,
    int HoursPerWeek,
    bool ShiftWork,
    string MunicipalityAgs,
    string? MunicipalityName,
    int? MaxCommuteMinutes,
    IReadOnlyList<NeedSkillResponse> MustHave,
    IReadOnlyList<NeedSkillResponse> NiceToHave,
    IReadOnlyList<string> Certificates,
    IReadOnlyList<LanguageResponse> Languages,
    string? FurtherAbilities,
    NeedStatus Status,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static NeedResponse From(Need n, ReferenceData reference)
    {
        var language = Texts.Current;
        NeedSkillResponse Skill(NeedSkill s) => new(s.SkillId, reference.Taxonomy.FindSkill(s.SkillId)?.Label(language) ?? s.SkillId, s.MinLevel);
        return new NeedResponse(
            n.Id, n.Kind, n.EmployerId, n.ForumRoundId, n.Title, n.OccupationId,
            n.OccupationId is null ? null : reference.Taxonomy.FindOccupation(n.OccupationId)?.Label(language),
            n.Headcount, n.PeriodStart, n.PeriodEnd, n.HoursPerWeek, n.ShiftWork, n.MunicipalityAgs,
            reference.Regions.Find(n.MunicipalityAgs)?.Name, n.MaxCommuteMinutes,
            [.. n.Skills.Where(s => s.MustHave).Select(Skill)],
            [.. n.Skills.Where(s => !s.MustHave).Select(Skill)],
            n.Certificates,
            [.. n.Languages.Select(l => new LanguageResponse(l.Code, l.Level.ToString()))],
            n.FurtherAbilities, n.Status, n.Version, n.CreatedAt, n.UpdatedAt);
    }
}

public sealed class SkillRequirementValidator : AbstractValidator<SkillRequirementInput>
{
    public SkillRequirementValidator(ReferenceData reference)
    {
        RuleFor(s => s.SkillId).NotEmpty().KnownSkill(reference);
        RuleFor(s => s.MinLevel).SkillLevel();
    }
}

public sealed class LanguageInputValidator : AbstractValidator<LanguageInput>
{
    public LanguageInputValidator(ReferenceData reference)
    {
        RuleFor(l => l.Code).NotEmpty().KnownLanguage(reference);
        RuleFor(l => l.Level).CefrLevel();
    }
}

public sealed class NeedValidator : AbstractValidator<NeedInput>
{
    public NeedValidator(ReferenceData reference, SkillsMatchDbContext db)
    {
        RuleFor(n => n.Kind).NotNull();
        RuleFor(n => n.EmployerId).NotNull()
            .MustAsync(async (id, ct) => id is null || await db.Employers.AnyAsync(e => e.Id == id, ct))
            .WithMessage((_, id) => Texts.Pick($"Unbekannter Arbeitgeber {id}.", $"Unknown employer {id}."));
        RuleFor(n => n.ForumRoundId)
            .MustAsync(async (id, ct) => id is null || await db.ForumRounds.AnyAsync(r => r.Id == id, ct))
            .WithMessage((_, id) => Texts.Pick($"Unbekannte Forumsrunde {id}.", $"Unknown forum round {id}."));
        RuleFor(n => n.Title).NotEmpty().Text(Limits.Name);
        RuleFor(n => n.OccupationId).KnownOccupation(reference);
        RuleFor(n => n.Headcount).NotNull().InclusiveBetween(1, 1000);
        RuleFor(n => n.PeriodStart).NotNull();
        RuleFor(n => n.PeriodEnd)
            .GreaterThanOrEqualTo(n => n.PeriodStart)
            .When(n => n.PeriodStart is not null && n.PeriodEnd is not null)
            .WithMessage(Texts.Pick("Das Ende liegt vor dem Beginn.", "The end is before the start."));
        RuleFor(n => n.HoursPerWeek).NotNull().InclusiveBetween(1, 60);
        RuleFor(n => n.MunicipalityAgs).NotEmpty().KnownMunicipality(reference);
        RuleFor(n => n.MaxCommuteMinutes).InclusiveBetween(1, 240);
        RuleFor(n => n.MustHave).NotEmpty()
            .WithMessage(Texts.Pick("Ein Bedarf braucht mindestens eine Muss-Kompetenz.", "A need needs at least one must-have skill."));
        RuleFor(n => n.MustHave!.Count).LessThanOrEqualTo(Limits.ListItems).When(n => n.MustHave is not null).OverridePropertyName("MustHave");
        RuleForEach(n => n.MustHave).SetValidator(new SkillRequirementValidator(reference));
        RuleFor(n => n.NiceToHave!.Count).LessThanOrEqualTo(Limits.ListItems).When(n => n.NiceToHave is not null).OverridePropertyName("NiceToHave");
        RuleForEach(n => n.NiceToHave).SetValidator(new SkillRequirementValidator(reference));
        RuleForEach(n => n.NiceToHave)
            .Must((n, s) => n.MustHave is null || n.MustHave.All(m => m.SkillId != s.SkillId))
            .WithMessage((_, s) => Texts.Pick($"Kompetenz '{s.SkillId}' ist schon eine Muss-Kompetenz.", $"Skill '{s.SkillId}' is already a must-have skill."));
        RuleFor(n => n.Certificates!.Count).LessThanOrEqualTo(Limits.ListItems).When(n => n.Certificates is not null).OverridePropertyName("Certificates");
        RuleForEach(n => n.Certificates).KnownCertificate(reference);
        RuleFor(n => n.Languages!.Count).LessThanOrEqualTo(10).When(n => n.Languages is not null).OverridePropertyName("Languages");
        RuleForEach(n => n.Languages).SetValidator(new LanguageInputValidator(reference));
        RuleFor(n => n.FurtherAbilities).Text(Limits.Text);
    }
}

internal static class NeedMapping
{
    public static void Apply(this NeedInput input, Need need)
    {
        need.Kind = input.Kind!.Value;
        need.EmployerId = input.EmployerId!.Value;
        need.ForumRoundId = input.ForumRoundId;
        need.Title = input.Title!.Trim();
        need.OccupationId = input.OccupationId;
        need.Headcount = input.Headcount!.Value;
        need.PeriodStart = input.PeriodStart!.Value;
        need.PeriodEnd = input.PeriodEnd;
        need.HoursPerWeek = input.HoursPerWeek!.Value;
        need.ShiftWork = input.ShiftWork ?? false;
        need.MunicipalityAgs = input.MunicipalityAgs!;
        need.MaxCommuteMinutes = input.MaxCommuteMinutes;
        need.Skills =
        [
            .. input.MustHave!.Select(s => new NeedSkill { SkillId = s.SkillId!, MinLevel = s.MinLevel!.Value, MustHave = true }),
            .. (input.NiceToHave ?? []).Select(s => new NeedSkill { SkillId = s.SkillId!, MinLevel = s.MinLevel!.Value, MustHave = false }),
        ];
        need.Certificates = [.. (input.Certificates ?? []).Select(c => c.ToUpperInvariant()).Distinct()];
        need.Languages = [.. (input.Languages ?? []).Select(l => new LanguageLevel { Code = l.Code!.ToLowerInvariant(), Level = Enum.Parse<CefrLevel>(l.Level!, ignoreCase: true) })];
        need.FurtherAbilities = input.FurtherAbilities;
        need.Status = input.Status ?? need.Status;
    }

    /// <summary>draft → open → filled / closed / expired; a closed need may be reopened.</summary>
    public static bool CanMove(NeedStatus from, NeedStatus to) => from == to || (from, to) switch
    {
        (NeedStatus.Draft, NeedStatus.Open or NeedStatus.Closed) => true,
        (NeedStatus.Open, NeedStatus.Filled or NeedStatus.Closed or NeedStatus.Expired) => true,
        (NeedStatus.Closed, NeedStatus.Open) => true,
        _ => false,
    };
}
