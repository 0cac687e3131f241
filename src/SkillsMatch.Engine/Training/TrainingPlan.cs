namespace SkillsMatch.Engine.Training;

public enum GapKind
{
    Skill,
    Certificate,
    Language,
}

/// <summary>One thing a client lacks for a need: a must-have skill at its level, a certificate, a language level.</summary>
public sealed record GapItem(GapKind Kind, string Id, string Label, int Required, int Current);

/// <summary>One course cohort in a plan and the gap items it closes.</summary>
public sealed record PlanStep(int CourseId, string CourseTitle, string Provider, DateOnly Start, DateOnly End, int Weeks, decimal CostEuros, IReadOnlyList<GapItem> Closes, bool Prerequisite)
{
    /// <summary>The funding instrument of the course (Bildungsgutschein, AVGS, …), or empty.</summary>
    public string Funding { get; init; } = "";
}

/// <summary>
/// The training that gets a client ready for a need: the gap, the cohorts in order, the date the
/// client is ready and why, and the gap items no catalogue course covers.
/// </summary>
public sealed record TrainingPlan(
    IReadOnlyList<GapItem> Gap,
    IReadOnlyList<PlanStep> Steps,
    IReadOnlyList<GapItem> Uncovered,
    IReadOnlyList<GapItem> NotInTime,
    DateOnly ReadyBy,
    DateOnly NeedStart,
    decimal CostEuros,
    IReadOnlyList<string> Explanation)
{
    /// <summary>True when the steps close every gap item before the need starts.</summary>
    public bool ReadyInTime => Uncovered.Count == 0 && NotInTime.Count == 0;

    public int TrainingWeeks => Steps.Sum(s => s.Weeks);

    /// <summary>Must-have skills the employer teaches on the job (Einarbeitung): part of the gap, closed without a course.</summary>
    public IReadOnlyList<GapItem> OnTheJob { get; init; } = [];

    /// <summary>Weeks of familiarisation after the start that <see cref="OnTheJob"/> takes (the longest of them).</summary>
    public int FamiliarisationWeeks { get; init; }

    /// <summary>
    /// Gap items of <see cref="NotInTime"/> that courses teach, but none the client can attend:
    /// every one asks more weekly hours than the client has, or is held outside childcare-compatible hours.
    /// </summary>
    public IReadOnlyList<GapItem> NoCohortFits { get; init; } = [];

    /// <summary>The funding instruments of the steps, in order, each once.</summary>
    public IReadOnlyList<string> Funding => [.. Steps.Select(s => s.Funding).Where(f => f.Length > 0).Distinct()];

    /// <summary>True when the plan's steps teach this must-have skill (at its level) before the need starts.</summary>
    public bool Closes(string skillId) =>
        Steps.Count > 0
        && Gap.Any(g => g.Kind == GapKind.Skill && g.Id == skillId)
        && !Uncovered.Concat(NotInTime).Any(g => g.Kind == GapKind.Skill && g.Id == skillId);
}
