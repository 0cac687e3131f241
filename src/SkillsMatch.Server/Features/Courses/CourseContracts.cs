using FluentValidation;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Features.Courses;

public sealed record CourseSkillInput(string? SkillId, int? Level);

public sealed record CohortInput(DateOnly? StartDate, int? Capacity, int? SeatsTaken);

public sealed record CourseInput(
    string? Provider,
    string? Title,
    List<CourseSkillInput>? Skills,
    List<string>? CertificatesAwarded,
    List<LanguageInput>? LanguagesTaught,
    List<CourseSkillInput>? PrerequisiteSkills,
    List<string>? PrerequisiteCertificates,
    List<LanguageInput>? PrerequisiteLanguages,
    int? DurationWeeks,
    int? HoursPerWeek,
    List<CohortInput>? Cohorts,
    string? MunicipalityAgs,
    bool? Remote,
    decimal? CostEuros,
    List<string>? Funding,
    bool? AzavCertified,
    long? Version,
    string? ProviderCourseId = null,
    string? SeriesId = null,
    string? SeriesName = null,
    int? Module = null,
    List<int>? RequiresModules = null,
    string? Format = null,
    bool? ChildcareCompatible = null,
    string? Content = null);

public sealed record CourseSkillResponse(string SkillId, string Label, int Level);

public sealed record CohortResponse(DateOnly StartDate, DateOnly EndDate, int Capacity, int SeatsTaken);

public sealed record CourseResponse(
    int Id,
    string Provider,
    string Title,
    IReadOnlyList<CourseSkillResponse> Skills,
    IReadOnlyList<string> CertificatesAwarded,
    IReadOnlyList<LanguageResponse> LanguagesTaught,
    IReadOnlyList<CourseSkillResponse> PrerequisiteSkills,
    IReadOnlyList<string> PrerequisiteCertificates,
    IReadOnlyList<LanguageResponse> PrerequisiteLanguages,
    int DurationWeeks,
    string Term,
    int HoursPerWeek,
    IReadOnlyList<CohortResponse> Cohorts,
    string? MunicipalityAgs,
    bool Remote,
    decimal CostEuros,
    IReadOnlyList<string> Funding,
    bool AzavCertified,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public string? ProviderCourseId { get; init; }
    public string? SeriesId { get; init; }
    public string? SeriesName { get; init; }
    public int Module { get; init; }
    public IReadOnlyList<int> RequiresModules { get; init; } = [];
    public string Format { get; init; } = CourseRules.FullTime;
    public bool ChildcareCompatible { get; init; }
    public string? Content { get; init; }

    public static CourseResponse From(Course c, ReferenceData reference)
    {
        CourseSkillResponse Skill(CourseSkill s) => new(s.SkillId, reference.Taxonomy.FindSkill(s.SkillId)?.Label(Texts.Current) ?? s.SkillId, s.Level);
        return From(c, [.. c.Skills.Select(Skill)], [.. c.PrerequisiteSkills.Select(Skill)]);
    }

    private static CourseResponse From(Course c, List<CourseSkillResponse> skills, List<CourseSkillResponse> prerequisites) => new(
        c.Id, c.Provider, c.Title, skills, c.CertificatesAwarded,
        [.. c.LanguagesTaught.Select(l => new LanguageResponse(l.Code, l.Level.ToString()))],
        prerequisites, c.PrerequisiteCertificates,
        [.. c.PrerequisiteLanguages.Select(l => new LanguageResponse(l.Code, l.Level.ToString()))],
        c.DurationWeeks,
        c.DurationWeeks <= CourseRules.ShortTermWeeks ? "short" : "medium",
        c.HoursPerWeek,
        [.. c.Cohorts.OrderBy(k => k.StartDate).Select(k => new CohortResponse(k.StartDate, k.StartDate.AddDays(7 * c.DurationWeeks), k.Capacity, k.SeatsTaken))],
        c.MunicipalityAgs, c.Remote, c.CostEuros, c.Funding, c.AzavCertified, c.Version, c.CreatedAt, c.UpdatedAt)
    {
        ProviderCourseId = c.ProviderCourseId,
        SeriesId = c.SeriesId,
        SeriesName = c.SeriesName,
        Module = c.Module,
        RequiresModules = c.RequiresModules,
        Format = c.Format,
        ChildcareCompatible = c.ChildcareCompatible,
        Content = c.Content,
    };
}

public static class CourseRules
{
    /// <summary>Short-term training lasts up to three months, medium-term up to twelve.</summary>
    public const int ShortTermWeeks = Engine.Training.CourseOffer.ShortTermWeeks;

    public const int MediumTermWeeks = 52;

    /// <summary>
    /// Funding instruments: training voucher (§81 SGB III), activation voucher (§45 SGB III),
    /// job-related German course (BAMF, §45a AufenthG), paid by the employer, paid from the county's own budget.
    /// </summary>
    public static readonly string[] FundingRoutes = ["Bildungsgutschein", "AVGS", "Berufssprachkurs", "Employer", "OwnBudget"];

    public const string FullTime = "FullTime";

    public static readonly string[] Formats = [FullTime, "PartTime", "Online"];

    public const int MaxModule = 20;
}

public sealed class CourseValidator : AbstractValidator<CourseInput>
{
    public CourseValidator(ReferenceData reference)
    {
        RuleFor(c => c.Provider).NotEmpty().Text(Limits.Name);
        RuleFor(c => c.Title).NotEmpty().Text(Limits.Name);
        RuleFor(c => c.Skills)
            .Must((c, skills) => skills is { Count: > 0 } || c.CertificatesAwarded is { Count: > 0 } || c.LanguagesTaught is { Count: > 0 })
            .WithMessage(Texts.Pick(
                "Ein Kurs vermittelt mindestens eine Kompetenz, ein Zertifikat oder ein Sprachniveau.",
                "A course teaches at least one skill, certificate or language level."));
        RuleFor(c => c.Skills!.Count).LessThanOrEqualTo(Limits.ListItems).When(c => c.Skills is not null).OverridePropertyName("Skills");
        RuleForEach(c => c.Skills).ChildRules(skill =>
        {
            skill.RuleFor(s => s.SkillId).NotEmpty().KnownSkill(reference);
            skill.RuleFor(s => s.Level).SkillLevel();
        });
        RuleForEach(c => c.CertificatesAwarded).KnownCertificate(reference);
        RuleForEach(c => c.LanguagesTaught).SetValidator(new LanguageInputValidator(reference));
        RuleFor(c => c.PrerequisiteSkills!.Count).LessThanOrEqualTo(Limits.ListItems).When(c => c.PrerequisiteSkills is not null).OverridePropertyName("PrerequisiteSkills");
        RuleForEach(c => c.PrerequisiteSkills).ChildRules(skill =>
        {
            skill.RuleFor(s => s.SkillId).NotEmpty().KnownSkill(reference);
            skill.RuleFor(s => s.Level).SkillLevel();
        });
        RuleForEach(c => c.PrerequisiteCertificates).KnownCertificate(reference);
        RuleForEach(c => c.PrerequisiteLanguages).SetValidator(new LanguageInputValidator(reference));
        RuleFor(c => c.DurationWeeks).NotNull().InclusiveBetween(1, CourseRules.MediumTermWeeks);
        RuleFor(c => c.HoursPerWeek).NotNull().InclusiveBetween(1, 60);
        RuleFor(c => c.Cohorts!.Count).LessThanOrEqualTo(Limits.ListItems).When(c => c.Cohorts is not null).OverridePropertyName("Cohorts");
        RuleForEach(c => c.Cohorts).ChildRules(cohort =>
        {
            cohort.RuleFor(k => k.StartDate).NotNull();
            cohort.RuleFor(k => k.Capacity).NotNull().InclusiveBetween(1, 500);
            cohort.RuleFor(k => k.SeatsTaken).InclusiveBetween(0, 500)
                .LessThanOrEqualTo(k => k.Capacity).When(k => k.Capacity is not null);
        });
        RuleFor(c => c.MunicipalityAgs).KnownMunicipality(reference);
        RuleFor(c => c.MunicipalityAgs).NotEmpty().When(c => c.Remote != true)
            .WithMessage(Texts.Pick("Ein Präsenzkurs braucht einen Ort (AGS).", "An on-site course needs a municipality (AGS)."));
        RuleFor(c => c.CostEuros).NotNull().InclusiveBetween(0, 100_000);
        RuleForEach(c => c.Funding)
            .Must(f => CourseRules.FundingRoutes.Contains(f, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, f) => Texts.Pick($"Unbekannter Förderweg '{f}' ({string.Join(", ", CourseRules.FundingRoutes)}).", $"Unknown funding route '{f}' ({string.Join(", ", CourseRules.FundingRoutes)})."));
        RuleFor(c => c.ProviderCourseId).Text(Limits.Code);
        RuleFor(c => c.SeriesId).Text(Limits.Code);
        RuleFor(c => c.SeriesName).Text(Limits.Name);
        RuleFor(c => c.Content).Text(Limits.Text);
        RuleFor(c => c.Module).InclusiveBetween(1, CourseRules.MaxModule).When(c => c.SeriesId is not null)
            .WithMessage(Texts.Pick($"Ein Modul einer Reihe hat eine Nummer von 1 bis {CourseRules.MaxModule}.", $"A module of a series has a number from 1 to {CourseRules.MaxModule}."));
        RuleFor(c => c.Module).Null().When(c => c.SeriesId is null)
            .WithMessage(Texts.Pick("Eine Modulnummer gibt es nur mit einer Modulreihe (seriesId).", "A module number needs a module series (seriesId)."));
        RuleFor(c => c.RequiresModules).Empty().When(c => c.SeriesId is null)
            .WithMessage(Texts.Pick("Vorausgesetzte Module gibt es nur in einer Modulreihe (seriesId).", "Required modules need a module series (seriesId)."));
        RuleForEach(c => c.RequiresModules).Must((c, m) => m >= 1 && m < (c.Module ?? 0))
            .WithMessage(Texts.Pick("Vorausgesetzt werden nur frühere Module der Reihe.", "Only earlier modules of the series can be required."));
        RuleFor(c => c.Format)
            .Must(f => f is null || CourseRules.Formats.Contains(f, StringComparer.OrdinalIgnoreCase))
            .WithMessage((_, f) => Texts.Pick($"Unbekannte Unterrichtsform '{f}' ({string.Join(", ", CourseRules.Formats)}).", $"Unknown format '{f}' ({string.Join(", ", CourseRules.Formats)})."));
    }
}

internal static class CourseMapping
{
    private static LanguageLevel Language(LanguageInput l) => new() { Code = l.Code!.ToLowerInvariant(), Level = Enum.Parse<CefrLevel>(l.Level!, ignoreCase: true) };

    public static void Apply(this CourseInput input, Course course)
    {
        course.Provider = input.Provider!.Trim();
        course.Title = input.Title!.Trim();
        course.Skills = [.. (input.Skills ?? []).DistinctBy(s => s.SkillId).Select(s => new CourseSkill { SkillId = s.SkillId!, Level = s.Level!.Value })];
        course.CertificatesAwarded = [.. (input.CertificatesAwarded ?? []).Select(c => c.ToUpperInvariant()).Distinct()];
        course.LanguagesTaught = [.. (input.LanguagesTaught ?? []).Select(Language)];
        course.PrerequisiteSkills = [.. (input.PrerequisiteSkills ?? []).DistinctBy(s => s.SkillId).Select(s => new CourseSkill { SkillId = s.SkillId!, Level = s.Level!.Value })];
        course.PrerequisiteCertificates = [.. (input.PrerequisiteCertificates ?? []).Select(c => c.ToUpperInvariant()).Distinct()];
        course.PrerequisiteLanguages = [.. (input.PrerequisiteLanguages ?? []).Select(Language)];
        course.DurationWeeks = input.DurationWeeks!.Value;
        course.HoursPerWeek = input.HoursPerWeek!.Value;
        course.Cohorts = [.. (input.Cohorts ?? []).Select(k => new CourseCohort { StartDate = k.StartDate!.Value, Capacity = k.Capacity!.Value, SeatsTaken = k.SeatsTaken ?? 0 })];
        course.MunicipalityAgs = input.MunicipalityAgs;
        course.Remote = input.Remote ?? false;
        course.CostEuros = input.CostEuros!.Value;
        course.Funding = [.. (input.Funding ?? []).Select(f => CourseRules.FundingRoutes.First(r => string.Equals(r, f, StringComparison.OrdinalIgnoreCase))).Distinct()];
        course.AzavCertified = input.AzavCertified ?? false;
        course.ProviderCourseId = string.IsNullOrWhiteSpace(input.ProviderCourseId) ? null : input.ProviderCourseId.Trim();
        course.SeriesId = string.IsNullOrWhiteSpace(input.SeriesId) ? null : input.SeriesId.Trim().ToUpperInvariant();
        course.SeriesName = course.SeriesId is null ? null : input.SeriesName?.Trim();
        course.Module = course.SeriesId is null ? 0 : input.Module ?? 0;
        course.RequiresModules = [.. (input.RequiresModules ?? []).Distinct().Order()];
        course.Format = input.Format is null
            ? (course.Remote ? "Online" : course.HoursPerWeek < 30 ? "PartTime" : CourseRules.FullTime)
            : CourseRules.Formats.First(f => string.Equals(f, input.Format, StringComparison.OrdinalIgnoreCase));
        course.ChildcareCompatible = input.ChildcareCompatible ?? false;
        course.Content = string.IsNullOrWhiteSpace(input.Content) ? null : input.Content.Trim();
    }
}
