using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Courses;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Features.Matching;

/// <summary>Turns database rows into engine snapshots. Protected attributes are not copied: the engine cannot see them.</summary>
internal static class ProfileMapping
{
    public static ClientProfile ToProfile(this Client c) => new(
        c.Id,
        [.. c.Skills.Select(s => new SkillLevel(s.SkillId, s.Level))],
        c.Certificates,
        [.. c.Languages.Select(l => new LanguageLevel(l.Code, (int)l.Level))],
        [.. c.PastOccupations.Select(o => new Experience(o.OccupationId, o.Years))],
        c.AvailableFrom,
        c.HoursPerWeek,
        c.DrivingLicence,
        c.HasCar,
        c.MaxCommuteMinutes,
        c.HomeMunicipalityAgs)
    {
        CareDuties = ClientRules.HasCareDuties(c.Barriers),
    };

    public static NeedProfile ToProfile(this Need n) => new(
        n.Id,
        n.OccupationId,
        [.. n.Skills.Where(s => s.MustHave).Select(s => new SkillLevel(s.SkillId, s.MinLevel))],
        [.. n.Skills.Where(s => !s.MustHave).Select(s => new SkillLevel(s.SkillId, s.MinLevel))],
        n.Certificates,
        [.. n.Languages.Select(l => new LanguageLevel(l.Code, (int)l.Level))],
        n.PeriodStart,
        n.HoursPerWeek,
        n.MunicipalityAgs,
        n.MaxCommuteMinutes)
    {
        NiceToHaveCertificates = n.NiceToHaveCertificates,
        OnTheJob = [.. n.Skills.Where(s => s.MustHave && s.OnTheJobWeeks > 0).Select(s => new OnTheJob(s.SkillId, s.OnTheJobWeeks!.Value))],
    };

    public static CourseOffer ToOffer(this Course c) => new(
        c.Id,
        c.Title,
        c.Provider,
        c.DurationWeeks,
        c.HoursPerWeek,
        c.CostEuros,
        c.Remote,
        c.MunicipalityAgs,
        [.. c.Skills.Select(s => new SkillLevel(s.SkillId, s.Level))],
        c.CertificatesAwarded,
        [.. c.LanguagesTaught.Select(l => new LanguageLevel(l.Code, (int)l.Level))],
        [.. c.PrerequisiteSkills.Select(s => new SkillLevel(s.SkillId, s.Level))],
        c.PrerequisiteCertificates,
        [.. c.PrerequisiteLanguages.Select(l => new LanguageLevel(l.Code, (int)l.Level))],
        [.. c.Cohorts.Select(k => new Cohort(k.StartDate, k.Capacity, k.SeatsTaken))])
    {
        SeriesId = c.SeriesId,
        Module = c.Module,
        RequiresModules = c.RequiresModules,
        ChildcareCompatible = c.ChildcareCompatible,
        Funding = c.Funding.FirstOrDefault() ?? "",
    };
}
