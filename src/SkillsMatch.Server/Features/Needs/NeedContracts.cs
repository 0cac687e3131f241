using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Needs;

/// <summary>A skill a need asks for; <c>minLevel</c> 1 basic … 4 expert, 1 when left out.</summary>
/// <param name="OnTheJobWeeks">For a must-have: weeks of familiarisation in which the employer teaches it (1–12).</param>
public sealed record SkillRequirementInput(string? SkillId, int? MinLevel, int? OnTheJobWeeks = null);

public sealed record LanguageInput(string? Code, string? Level);

/// <summary>
/// A need as posted. <c>municipalityAgs</c> takes the key (AGS) or a name that names one
/// municipality ("Ingelheim"); the key is stored. The period ends at <c>periodEnd</c> or after
/// <c>durationWeeks</c> (end = start + weeks × 7 − 1 day); both given must agree.
/// <c>certificates</c> are required, <c>niceToHaveCertificates</c> welcome.
/// </summary>
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
    long? Version,
    List<string>? NiceToHaveCertificates = null,
    int? DurationWeeks = null)
{
    /// <summary>The end of the period: as given, else from the duration; null when neither is given.</summary>
    public DateOnly? EndDate() => PeriodEnd ?? (PeriodStart is { } start && DurationWeeks is >= 1 and <= NeedValidator.MaxDurationWeeks
        ? start.AddDays((DurationWeeks.Value * 7) - 1)
        : null);
}

public sealed record NeedSkillResponse(string SkillId, string Label, int MinLevel, int? OnTheJobWeeks = null);

public sealed record LanguageResponse(string Code, string Level);

public sealed record NeedResponse(
    int Id,
    NeedKind Kind,
    int EmployerId,
    string? EmployerName,
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
    IReadOnlyList<string> NiceToHaveCertificates,
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
        NeedSkillResponse Skill(NeedSkill s) => new(s.SkillId, reference.Taxonomy.FindSkill(s.SkillId)?.Label(language) ?? s.SkillId, s.MinLevel, s.OnTheJobWeeks);
        return new NeedResponse(
            n.Id, n.Kind, n.EmployerId, n.Employer?.Name, n.ForumRoundId, n.Title, n.OccupationId,
            n.OccupationId is null ? null : reference.Taxonomy.FindOccupation(n.OccupationId)?.Label(language),
            n.Headcount, n.PeriodStart, n.PeriodEnd, n.HoursPerWeek, n.ShiftWork, n.MunicipalityAgs,
            reference.Regions.Find(n.MunicipalityAgs)?.Name, n.MaxCommuteMinutes,
            [.. n.Skills.Where(s => s.MustHave).Select(Skill)],
            [.. n.Skills.Where(s => !s.MustHave).Select(Skill)],
            n.Certificates,
            n.NiceToHaveCertificates,
            [.. n.Languages.Select(l => new LanguageResponse(l.Code, l.Level.ToString()))],
            n.FurtherAbilities, n.Status, n.Version, n.CreatedAt, n.UpdatedAt);
    }
}

public sealed class SkillRequirementValidator : AbstractValidator<SkillRequirementInput>
{
    public SkillRequirementValidator(ReferenceData reference)
    {
        RuleFor(s => s.SkillId).NotEmpty().KnownSkill(reference);
        // Left out it is 1 (basic): employers rarely know the scale.
        RuleFor(s => s.MinLevel).InclusiveBetween(1, 4);

        // Familiarisation closes small gaps only; anything longer is training.
        RuleFor(s => s.OnTheJobWeeks).InclusiveBetween(1, NeedRules.MaxOnTheJobWeeks);
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
    public const int MaxDurationWeeks = 260;

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
        RuleFor(n => n.DurationWeeks).InclusiveBetween(1, MaxDurationWeeks);
        RuleFor(n => n.DurationWeeks)
            .Must((n, weeks) => n.PeriodStart!.Value.AddDays((weeks!.Value * 7) - 1) == n.PeriodEnd)
            .When(n => n.PeriodStart is not null && n.PeriodEnd is not null && n.DurationWeeks is >= 1 and <= MaxDurationWeeks)
            .WithMessage((n, weeks) => Texts.Pick(
                $"{weeks} Wochen ab {n.PeriodStart:yyyy-MM-dd} enden am {n.PeriodStart!.Value.AddDays((weeks!.Value * 7) - 1):yyyy-MM-dd}, nicht am periodEnd {n.PeriodEnd:yyyy-MM-dd}; nur eines von beiden angeben oder beide passend.",
                $"{weeks} weeks from {n.PeriodStart:yyyy-MM-dd} end on {n.PeriodStart!.Value.AddDays((weeks!.Value * 7) - 1):yyyy-MM-dd}, not on periodEnd {n.PeriodEnd:yyyy-MM-dd}; give one of them, or both agreeing."));
        RuleFor(n => n.HoursPerWeek).NotNull().InclusiveBetween(1, 60);
        RuleFor(n => n.MunicipalityAgs).NotEmpty().KnownPlace(reference);
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
        RuleFor(n => n.NiceToHaveCertificates!.Count).LessThanOrEqualTo(Limits.ListItems).When(n => n.NiceToHaveCertificates is not null).OverridePropertyName("NiceToHaveCertificates");
        RuleForEach(n => n.NiceToHaveCertificates).KnownCertificate(reference);
        RuleForEach(n => n.NiceToHaveCertificates)
            .Must((n, code) => code is null || n.Certificates is null || !n.Certificates.Contains(code, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, code) => Texts.Pick($"Zertifikat '{code}' ist schon ein Pflicht-Zertifikat (certificates).", $"Certificate '{code}' is already a required certificate (certificates)."));
        RuleFor(n => n.Languages!.Count).LessThanOrEqualTo(10).When(n => n.Languages is not null).OverridePropertyName("Languages");
        RuleForEach(n => n.Languages).SetValidator(new LanguageInputValidator(reference));
        RuleFor(n => n.FurtherAbilities).Text(Limits.Text);
    }
}

internal static class NeedMapping
{
    public static void Apply(this NeedInput input, Need need, ReferenceData reference)
    {
        need.Kind = input.Kind!.Value;
        need.EmployerId = input.EmployerId!.Value;
        need.ForumRoundId = input.ForumRoundId;
        need.Title = input.Title!.Trim();
        need.OccupationId = input.OccupationId;
        need.Headcount = input.Headcount!.Value;
        need.PeriodStart = input.PeriodStart!.Value;
        need.PeriodEnd = input.EndDate();
        need.HoursPerWeek = input.HoursPerWeek!.Value;
        need.ShiftWork = input.ShiftWork ?? false;
        need.MunicipalityAgs = reference.Regions.Resolve(input.MunicipalityAgs!)!.Ags;
        need.MaxCommuteMinutes = input.MaxCommuteMinutes;
        need.Skills =
        [
            .. input.MustHave!.Select(s => new NeedSkill { SkillId = s.SkillId!, MinLevel = s.MinLevel ?? 1, MustHave = true, OnTheJobWeeks = s.OnTheJobWeeks }),
            .. (input.NiceToHave ?? []).Select(s => new NeedSkill { SkillId = s.SkillId!, MinLevel = s.MinLevel ?? 1, MustHave = false }),
        ];
        need.Certificates = [.. (input.Certificates ?? []).Select(c => c.ToUpperInvariant()).Distinct()];
        need.NiceToHaveCertificates = [.. (input.NiceToHaveCertificates ?? []).Select(c => c.ToUpperInvariant()).Distinct()];
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

public static class NeedRules
{
    /// <summary>The longest familiarisation (Einarbeitung) a need may count on to close a must-have gap.</summary>
    public const int MaxOnTheJobWeeks = 12;
}
