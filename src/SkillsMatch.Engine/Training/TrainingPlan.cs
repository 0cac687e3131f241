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
public sealed record PlanStep(int CourseId, string CourseTitle, string Provider, DateOnly Start, DateOnly End, int Weeks, decimal CostEuros, IReadOnlyList<GapItem> Closes, bool Prerequisite);

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

    /// <summary>True when the plan's steps teach this must-have skill (at its level) before the need starts.</summary>
    public bool Closes(string skillId) =>
        Steps.Count > 0
        && Gap.Any(g => g.Kind == GapKind.Skill && g.Id == skillId)
        && !Uncovered.Concat(NotInTime).Any(g => g.Kind == GapKind.Skill && g.Id == skillId);
}
