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
    /// <summary>The module series (Teilqualifizierung) this course is a module of, or null.</summary>
    public string? SeriesId { get; init; }

    /// <summary>The module's number in its series (1, 2, …); 0 outside a series.</summary>
    public int Module { get; init; }

    /// <summary>Modules of the same series that must be completed before this one.</summary>
    public IReadOnlyList<int> RequiresModules { get; init; } = [];

    /// <summary>
    /// Held within childcare-compatible hours (about 9 to 14 o'clock, no evenings): a client with
    /// childcare or care duties can attend it.
    /// </summary>
    public bool ChildcareCompatible { get; init; }

    /// <summary>The funding instrument (Bildungsgutschein, AVGS, Berufssprachkurs, Employer, OwnBudget), or empty.</summary>
    public string Funding { get; init; } = "";

    /// <summary>Short-term training lasts up to three months (13 weeks), medium-term up to twelve.</summary>
    public const int ShortTermWeeks = 13;

    public static DateOnly EndOf(DateOnly start, int weeks) => start.AddDays((7 * weeks) - 1);
}
