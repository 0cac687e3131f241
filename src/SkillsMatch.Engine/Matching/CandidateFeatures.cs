namespace SkillsMatch.Engine.Matching;

/// <summary>
/// The features of one client for one need (schema <see cref="SchemaVersion"/>). Protected
/// attributes are never among them. docs/matching.md defines each one. Each must-have skill is
/// counted once, in the first of: held, implied by experience, taught by the training plan in
/// time, related skill held, missing.
/// </summary>
public readonly record struct CandidateFeatures(
    float MustHaveCoverage,
    float MustHaveImplied,
    float MustHaveCoverageWithTraining,
    float SkillFit,
    float NiceToHaveCoverage,
    float LevelDeficit,
    float RelatedSkillCredit,
    float CertificateGap,
    float LanguageGap,
    float CommuteMinutes,
    float AvailabilitySlackDays,
    float OccupationExperienceYears,
    float HoursFit,
    float TrainingWeeks)
{
    /// <summary>
    /// Version 3: must-haves implied by experience apart from related ones, coverage with training
    /// that is never below coverage without, and the rarity-weighted <see cref="SkillFit"/>.
    /// </summary>
    public const int SchemaVersion = 3;

    /// <summary>
    /// The feature names, camel-cased from this record's parameters: the parameter list above is
    /// the one list of features, and <see cref="CopyTo"/> and <see cref="FromArray"/> follow it
    /// (a test checks each position).
    /// </summary>
    public static readonly string[] Names =
    [
        .. typeof(CandidateFeatures).GetConstructors().Single(c => c.GetParameters().Length > 0).GetParameters()
            .Select(p => string.Concat(char.ToLowerInvariant(p.Name![0]).ToString(), p.Name[1..])),
    ];

    /// <summary>
    /// The direction in which each feature plainly makes a candidate better: +1 higher is better,
    /// −1 lower is better, 0 no plain direction (availability slack). Every score is monotone in these.
    /// </summary>
    public static readonly int[] Directions = [+1, +1, +1, +1, +1, -1, +1, -1, -1, -1, 0, +1, +1, -1];

    /// <summary>True for the features that are shares between 0 and 1; the others are counts, minutes, days, years or weeks.</summary>
    public static readonly bool[] IsShare = [true, true, true, true, true, true, true, false, false, false, false, false, true, false];

    public static int Count => Names.Length;

    public float[] ToArray()
    {
        var values = new float[Count];
        CopyTo(values);
        return values;
    }

    /// <summary>The values in <see cref="Names"/> order into a span of <see cref="Count"/> floats.</summary>
    public void CopyTo(Span<float> values)
    {
        values[0] = MustHaveCoverage;
        values[1] = MustHaveImplied;
        values[2] = MustHaveCoverageWithTraining;
        values[3] = SkillFit;
        values[4] = NiceToHaveCoverage;
        values[5] = LevelDeficit;
        values[6] = RelatedSkillCredit;
        values[7] = CertificateGap;
        values[8] = LanguageGap;
        values[9] = CommuteMinutes;
        values[10] = AvailabilitySlackDays;
        values[11] = OccupationExperienceYears;
        values[12] = HoursFit;
        values[13] = TrainingWeeks;
    }

    public static CandidateFeatures FromArray(ReadOnlySpan<float> f) =>
        new(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13]);
}

/// <summary>
/// The explainable baseline ranking, a fit between 0 and 1 (shown as 0–100), in three parts
/// (docs/ranker.md):
/// <list type="bullet">
/// <item>0.60 × the share of must-have skills the client has — held, implied by experience or
/// taught in time (<c>reach</c>);</item>
/// <item>0.25 × <see cref="CandidateFeatures.SkillFit"/>, rarity-weighted credit per must-have
/// plus at most half the weight of the lightest must-have for the nice-to-haves;</item>
/// <item>0.15 × reach × the rest: experience, commute, hours and how little training is left.</item>
/// </list>
/// A client with none of the must-haves scores at most 0.25 × 2/3 (related credit and nice-to-haves
/// only); one holding half of them at least 0.30. Nice-to-haves never outweigh one must-have. Monotone in every feature's
/// <see cref="CandidateFeatures.Directions"/>.
/// </summary>
public static class HeuristicScore
{
    public const double Reach = 0.60;
    public const double Skill = 0.25;
    public const double Rest = 0.15;

    public const double Experience = 0.30;
    public const double ExperienceFullYears = 3;
    public const double Commute = 0.25;
    public const double CommuteScaleMinutes = 90;
    public const double Hours = 0.15;
    public const double Readiness = 0.30;
    public const double CertificateGap = 0.5;
    public const double LanguageStep = 0.25;
    public const double TrainingWeeksFull = 26;

    public static double Of(in CandidateFeatures f)
    {
        var reach = Math.Min(1, f.MustHaveCoverageWithTraining + f.MustHaveImplied);
        return (Reach * reach) + (Skill * f.SkillFit) + (Rest * reach * RestOf(f));
    }

    /// <summary>The rest between 0 and 1: experience, commute, hours and readiness (training, certificates and languages still to gain).</summary>
    public static double RestOf(in CandidateFeatures f)
    {
        var experience = Math.Min(1, Math.Max(0, f.OccupationExperienceYears) / ExperienceFullYears);
        var commute = Math.Clamp(1 - (f.CommuteMinutes / CommuteScaleMinutes), 0, 1);
        var hours = Math.Clamp(f.HoursFit, 0, 1);
        var toGain = (CertificateGap * Math.Max(0, f.CertificateGap)) + (LanguageStep * Math.Max(0, f.LanguageGap)) + (Math.Max(0, f.TrainingWeeks) / TrainingWeeksFull);
        var readiness = 1 - Math.Min(1, toGain);
        return (Experience * experience) + (Commute * commute) + (Hours * hours) + (Readiness * readiness);
    }

    /// <summary>The fit as a whole number 0–100 a caseworker reads.</summary>
    public static int Percent(double score) => (int)Math.Round(100 * Math.Clamp(score, 0, 1), MidpointRounding.AwayFromZero);
}
