namespace SkillsMatch.Engine.Matching;

/// <summary>
/// The features of one client for one need (schema <see cref="SchemaVersion"/>). Protected
/// attributes are never among them. docs/matching.md defines each one.
/// </summary>
public readonly record struct CandidateFeatures(
    float MustHaveCoverage,
    float NiceToHaveCoverage,
    float LevelDeficit,
    float RelatedSkillCredit,
    float CertificateGap,
    float LanguageGap,
    float CommuteMinutes,
    float AvailabilitySlackDays,
    float OccupationExperienceYears,
    float HoursFit,
    float TrainingWeeks = 0,
    float MustHaveCoverageAfterTraining = 0)
{
    /// <summary>Version 2 added <see cref="TrainingWeeks"/> and <see cref="MustHaveCoverageAfterTraining"/>.</summary>
    public const int SchemaVersion = 2;

    public static readonly string[] Names =
    [
        "mustHaveCoverage", "niceToHaveCoverage", "levelDeficit", "relatedSkillCredit", "certificateGap",
        "languageGap", "commuteMinutes", "availabilitySlackDays", "occupationExperienceYears", "hoursFit",
        "trainingWeeks", "mustHaveCoverageAfterTraining",
    ];

    public float[] ToArray() =>
    [
        MustHaveCoverage, NiceToHaveCoverage, LevelDeficit, RelatedSkillCredit, CertificateGap,
        LanguageGap, CommuteMinutes, AvailabilitySlackDays, OccupationExperienceYears, HoursFit,
        TrainingWeeks, MustHaveCoverageAfterTraining,
    ];
}

/// <summary>
/// The explainable baseline ranking: a weighted sum of the features, each term bounded so a
/// caseworker can read off why one candidate is above another. The learned ranker is measured
/// against it.
/// </summary>
public static class HeuristicScore
{
    public const double MustHave = 0.50;
    public const double NiceToHave = 0.10;
    public const double Related = 0.20;
    public const double LevelDeficit = 0.15;
    public const double Experience = 0.10;
    public const double ExperienceFullYears = 3;
    public const double Commute = 0.05;
    public const double CommuteScaleMinutes = 90;
    public const double HoursFit = 0.05;
    public const double CertificateGap = 0.05;
    public const double LanguageGap = 0.03;
    public const double TrainedCoverage = 0.25;
    public const double TrainingWeek = 0.004;

    public static double Of(in CandidateFeatures f) =>
        (MustHave * f.MustHaveCoverage)
        + (NiceToHave * f.NiceToHaveCoverage)
        + (Related * f.RelatedSkillCredit)
        - (LevelDeficit * f.LevelDeficit)
        + (Experience * Math.Min(1, f.OccupationExperienceYears / ExperienceFullYears))
        + (Commute * Math.Max(0, 1 - (f.CommuteMinutes / CommuteScaleMinutes)))
        + (HoursFit * f.HoursFit)
        - (CertificateGap * f.CertificateGap)
        - (LanguageGap * f.LanguageGap)
        + (TrainedCoverage * Math.Max(0, f.MustHaveCoverageAfterTraining - f.MustHaveCoverage))
        - (TrainingWeek * f.TrainingWeeks);
}
