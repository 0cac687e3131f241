namespace SkillsMatch.Engine.Matching;

/// <summary>A skill by taxonomy id at a level (1 basic … 4 expert).</summary>
public readonly record struct SkillLevel(string SkillId, int Level);

/// <summary>A language by ISO 639-1 code at a CEFR level (A1 = 1 … C2 = 6).</summary>
public readonly record struct LanguageLevel(string Code, int Level);

/// <summary>Years of work in an occupation (taxonomy id).</summary>
public readonly record struct Experience(string OccupationId, double Years);

/// <summary>
/// What the matching engine knows of a client: abilities, availability and mobility. It holds
/// no protected attribute (gender, age, nationality, disability, health): the server never
/// copies them into it, so no feature and no score can depend on them.
/// </summary>
public sealed record ClientProfile(
    int Id,
    IReadOnlyList<SkillLevel> Skills,
    IReadOnlyList<string> Certificates,
    IReadOnlyList<LanguageLevel> Languages,
    IReadOnlyList<Experience> PastOccupations,
    DateOnly AvailableFrom,
    int HoursPerWeek,
    bool DrivingLicence,
    bool HasCar,
    int MaxCommuteMinutes,
    string HomeMunicipalityAgs)
{
    /// <summary>
    /// Childcare or care duties: the client attends only courses held within childcare-compatible
    /// hours or online; <see cref="HoursPerWeek"/> caps the weekly hours of any course.
    /// </summary>
    public bool CareDuties { get; init; }
}

/// <summary>
/// What the matching engine knows of a need. <see cref="Certificates"/> are required (a gap a
/// training plan may close); <see cref="NiceToHaveCertificates"/> only earn credit when held.
/// </summary>
public sealed record NeedProfile(
    int Id,
    string? OccupationId,
    IReadOnlyList<SkillLevel> MustHave,
    IReadOnlyList<SkillLevel> NiceToHave,
    IReadOnlyList<string> Certificates,
    IReadOnlyList<LanguageLevel> Languages,
    DateOnly PeriodStart,
    int HoursPerWeek,
    string MunicipalityAgs,
    int? MaxCommuteMinutes)
{
    /// <summary>Certificates and licences that are welcome ("von Vorteil"), not required.</summary>
    public IReadOnlyList<string> NiceToHaveCertificates { get; init; } = [];

    /// <summary>
    /// Must-have skills the employer teaches on the job (Einarbeitung), with the weeks of
    /// familiarisation it accepts: a gap in one of them needs no course.
    /// </summary>
    public IReadOnlyList<OnTheJob> OnTheJob { get; init; } = [];
}

/// <summary>A must-have skill the employer teaches in <paramref name="Weeks"/> weeks of familiarisation.</summary>
public readonly record struct OnTheJob(string SkillId, int Weeks);
