using SkillsMatch.Engine.Matching;

namespace SkillsMatch.Engine.Training;

/// <summary>A dated run of a course with its seats.</summary>
public readonly record struct Cohort(DateOnly Start, int Capacity, int SeatsTaken)
{
    public int FreeSeats => Math.Max(0, Capacity - SeatsTaken);
}

/// <summary>
/// What the training planner knows of a course: what it teaches (skills to a level, certificates,
/// language levels), what it needs first, where, when, how long and at what cost.
/// </summary>
public sealed record CourseOffer(
    int Id,
    string Title,
    string Provider,
    int DurationWeeks,
    int HoursPerWeek,
    decimal CostEuros,
    bool Remote,
    string? MunicipalityAgs,
    IReadOnlyList<SkillLevel> SkillsTaught,
    IReadOnlyList<string> CertificatesAwarded,
    IReadOnlyList<LanguageLevel> LanguagesTaught,
    IReadOnlyList<SkillLevel> PrerequisiteSkills,
    IReadOnlyList<string> PrerequisiteCertificates,
    IReadOnlyList<LanguageLevel> PrerequisiteLanguages,
    IReadOnlyList<Cohort> Cohorts)
{
    /// <summary>Short-term training lasts up to three months (13 weeks), medium-term up to twelve.</summary>
    public const int ShortTermWeeks = 13;

    public static DateOnly EndOf(DateOnly start, int weeks) => start.AddDays((7 * weeks) - 1);
}
