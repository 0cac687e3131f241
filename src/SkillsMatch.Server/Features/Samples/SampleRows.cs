namespace SkillsMatch.Server.Features.Samples;

// One record per CSV row of samples/. List cells hold items separated by ';', and an item's
// parts separated by ':' (skill id:level, language:CEFR level, occupation id:years).

public sealed record EmployerRow(int Id, string Name, string Sector, string MunicipalityAgs, string? ContactName, string? ContactEmail);

public sealed record ForumRoundRow(int Id, string Title, string? Sector, string? RegionCode, DateOnly Date, string? Notes);

public sealed record NeedRow(
    int Id,
    string Kind,
    int EmployerId,
    int? ForumRoundId,
    string Title,
    string? OccupationId,
    int Headcount,
    DateOnly PeriodStart,
    DateOnly? PeriodEnd,
    int HoursPerWeek,
    bool ShiftWork,
    string MunicipalityAgs,
    int? MaxCommuteMinutes,
    string MustHave,
    string NiceToHave,
    string Certificates,
    string Languages,
    string? FurtherAbilities,
    string Status,
    string NiceToHaveCertificates = "");

public sealed record NeedCommentRow(int Id, int NeedId, string Author, string Text, DateOnly Date);

public sealed record ClientRow(
    int Id,
    string Reference,
    string Caseworker,
    string Skills,
    string Certificates,
    string Languages,
    string PastOccupations,
    string DesiredOccupations,
    DateOnly AvailableFrom,
    int HoursPerWeek,
    bool DrivingLicence,
    bool HasCar,
    int MaxCommuteMinutes,
    string HomeMunicipalityAgs,
    string Barriers,
    bool ConsentToShare,
    string? Gender,
    int? BirthYear,
    string? Nationality,
    bool SevereDisability);

public sealed record CourseRow(
    int Id,
    string Provider,
    string Title,
    string Skills,
    string CertificatesAwarded,
    string LanguagesTaught,
    string PrerequisiteSkills,
    string PrerequisiteCertificates,
    string PrerequisiteLanguages,
    int DurationWeeks,
    int HoursPerWeek,
    string Cohorts,
    string? MunicipalityAgs,
    bool Remote,
    decimal CostEuros,
    string Funding,
    bool AzavCertified,
    string? ProviderCourseId = null,
    string? SeriesId = null,
    string? SeriesName = null,
    int? Module = null,
    string RequiresModules = "",
    string? Format = null,
    bool ChildcareCompatible = false,
    string? Content = null);

public sealed record OutcomeRow(int Id, int NeedId, int ClientId, string Stage, string? Reason, DateOnly Date, string? DecidedBy, int? RankAtProposal, string? PassOverReason, int? ImpressionId);

/// <summary>One shown row of a ranked list; <c>features</c> holds the feature values separated by ';'.</summary>
public sealed record ImpressionRow(int Id, string ListId, string Kind, int NeedId, int ClientId, int Rank, string Ranker, int FeatureSchema, string Features, DateOnly ShownOn);

/// <summary>A whole sample data set, as generated or read from CSV.</summary>
public sealed record SampleSet(
    IReadOnlyList<EmployerRow> Employers,
    IReadOnlyList<ForumRoundRow> ForumRounds,
    IReadOnlyList<NeedRow> Needs,
    IReadOnlyList<NeedCommentRow> Comments,
    IReadOnlyList<ClientRow> Clients,
    IReadOnlyList<CourseRow> Courses,
    IReadOnlyList<OutcomeRow> Outcomes,
    IReadOnlyList<ImpressionRow> Impressions);
