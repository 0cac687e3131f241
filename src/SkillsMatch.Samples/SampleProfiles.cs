using System.Globalization;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Samples;

/// <summary>
/// Engine snapshots straight from generated rows, the same profiles the server builds after
/// importing them (ProfileMapping), so the simulated caseworkers see the lists the server would show.
/// </summary>
internal static class SampleProfiles
{
    public static ClientProfile ToProfile(this ClientRow c) => new(
        c.Id,
        [.. Tuples(c.Skills).DistinctBy(t => t[0]).Select(t => new SkillLevel(t[0], Int(t[1])))],
        [.. Items(c.Certificates).Select(s => s.ToUpperInvariant()).Distinct()],
        Languages(c.Languages),
        [.. Tuples(c.PastOccupations).Select(t => new Experience(t[0], double.Parse(t[1], CultureInfo.InvariantCulture)))],
        c.AvailableFrom,
        c.HoursPerWeek,
        c.DrivingLicence,
        c.HasCar,
        c.MaxCommuteMinutes,
        c.HomeMunicipalityAgs)
    {
        CareDuties = SkillsMatch.Server.Features.Clients.ClientRules.HasCareDuties(Items(c.Barriers)),
    };

    public static NeedProfile ToProfile(this NeedRow n) => new(
        n.Id,
        n.OccupationId,
        [.. Tuples(n.MustHave).Select(t => new SkillLevel(t[0], Int(t[1])))],
        [.. Tuples(n.NiceToHave).Select(t => new SkillLevel(t[0], Int(t[1])))],
        [.. Items(n.Certificates).Select(s => s.ToUpperInvariant()).Distinct()],
        Languages(n.Languages),
        n.PeriodStart,
        n.HoursPerWeek,
        n.MunicipalityAgs,
        n.MaxCommuteMinutes);

    public static CourseOffer ToOffer(this CourseRow c) => new(
        c.Id,
        c.Title,
        c.Provider,
        c.DurationWeeks,
        c.HoursPerWeek,
        c.CostEuros,
        c.Remote,
        c.MunicipalityAgs,
        [.. Tuples(c.Skills).Select(t => new SkillLevel(t[0], Int(t[1])))],
        [.. Items(c.CertificatesAwarded).Select(s => s.ToUpperInvariant()).Distinct()],
        Languages(c.LanguagesTaught),
        [.. Tuples(c.PrerequisiteSkills).Select(t => new SkillLevel(t[0], Int(t[1])))],
        [.. Items(c.PrerequisiteCertificates).Select(s => s.ToUpperInvariant()).Distinct()],
        Languages(c.PrerequisiteLanguages),
        [.. Tuples(c.Cohorts).Select(t => new Cohort(DateOnly.ParseExact(t[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), Int(t[1]), Int(t[2])))])
    {
        SeriesId = string.IsNullOrEmpty(c.SeriesId) ? null : c.SeriesId.ToUpperInvariant(),
        Module = string.IsNullOrEmpty(c.SeriesId) ? 0 : c.Module ?? 0,
        RequiresModules = [.. Items(c.RequiresModules).Select(Int)],
        ChildcareCompatible = c.ChildcareCompatible,
        Funding = Items(c.Funding).FirstOrDefault() ?? "",
    };

    private static string[] Items(string cell) => cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<string[]> Tuples(string cell) => Items(cell).Select(i => i.Split(':', StringSplitOptions.TrimEntries));

    private static LanguageLevel[] Languages(string cell) =>
        [.. Tuples(cell).DistinctBy(t => t[0]).Select(t => new LanguageLevel(t[0].ToLowerInvariant(), (int)Enum.Parse<SkillsMatch.Server.Data.CefrLevel>(t[1], ignoreCase: true)))];

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
