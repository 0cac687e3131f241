using System.Globalization;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Courses;
using SkillsMatch.Server.Features.Employers;
using SkillsMatch.Server.Features.ForumRounds;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Outcomes;

namespace SkillsMatch.Server.Features.Samples;

/// <summary>
/// Turns CSV rows into the API's input records (checked afterwards by the API's validators), and
/// entities back into rows. A cell that cannot be read is reported to <c>error</c> (file, line,
/// column, message) and leaves the input incomplete.
/// </summary>
public sealed class SampleInputs(Action<string, long, string, string> error)
{
    public static EmployerInput Employer(EmployerRow row) =>
        new(row.Name, row.Sector, row.MunicipalityAgs, row.ContactName, row.ContactEmail, null);

    public static ForumRoundInput ForumRound(ForumRoundRow row) =>
        new(row.Title, row.Sector, row.RegionCode, row.Date, row.Notes, null);

    public (NeedInput Input, NeedKind? Kind, NeedStatus? Status) Need(NeedRow row, string file, long line)
    {
        var kind = ParseEnum<NeedKind>(row.Kind, file, line, "kind");
        var status = ParseEnum<NeedStatus>(row.Status, file, line, "status");
        var input = new NeedInput(
            kind, row.EmployerId, row.ForumRoundId, row.Title, row.OccupationId, row.Headcount, row.PeriodStart, row.PeriodEnd,
            row.HoursPerWeek, row.ShiftWork, row.MunicipalityAgs, row.MaxCommuteMinutes,
            SkillRequirements(row.MustHave, file, line, "must_have"),
            SkillRequirements(row.NiceToHave, file, line, "nice_to_have"),
            Items(row.Certificates),
            Languages(row.Languages, file, line, "languages"),
            row.FurtherAbilities, status, null,
            NiceToHaveCertificates: Items(row.NiceToHaveCertificates));
        return (input, kind, status);
    }

    public ClientInput Client(ClientRow row, string file, long line) => new(
        row.Reference, row.Caseworker, ClientSkills(row.Skills, file, line), Items(row.Certificates),
        Languages(row.Languages, file, line, "languages"), PastOccupations(row.PastOccupations, file, line),
        Items(row.DesiredOccupations), row.AvailableFrom, row.HoursPerWeek, row.DrivingLicence, row.HasCar,
        row.MaxCommuteMinutes, row.HomeMunicipalityAgs, Items(row.Barriers), row.ConsentToShare,
        new ProtectedAttributesInput(row.Gender, row.BirthYear, row.Nationality, row.SevereDisability), null);

    public CourseInput Course(CourseRow row, string file, long line) => new(
        row.Provider, row.Title,
        CourseSkills(row.Skills, file, line, "skills"),
        Items(row.CertificatesAwarded),
        Languages(row.LanguagesTaught, file, line, "languages_taught"),
        CourseSkills(row.PrerequisiteSkills, file, line, "prerequisite_skills"),
        Items(row.PrerequisiteCertificates),
        Languages(row.PrerequisiteLanguages, file, line, "prerequisite_languages"),
        row.DurationWeeks, row.HoursPerWeek, Cohorts(row.Cohorts, file, line),
        row.MunicipalityAgs, row.Remote, row.CostEuros, Items(row.Funding), row.AzavCertified, null,
        row.ProviderCourseId, row.SeriesId, row.SeriesName, row.Module, Modules(row.RequiresModules, file, line), row.Format, row.ChildcareCompatible, row.Content);

    public (OutcomeInput Input, OutcomeStage? Stage) Outcome(OutcomeRow row, string file, long line)
    {
        var stage = ParseEnum<OutcomeStage>(row.Stage, file, line, "stage");
        return (new OutcomeInput(row.NeedId, row.ClientId, stage, row.Reason, row.Date, row.DecidedBy, null, row.RankAtProposal, row.PassOverReason, row.ImpressionId), stage);
    }

    // Entity → row, the inverse of the above: what an export writes and what an import compares.

    public static EmployerRow Row(Employer e) => new(e.Id, e.Name, e.Sector, e.MunicipalityAgs, e.ContactName, e.ContactEmail);

    public static ForumRoundRow Row(ForumRound r) => new(r.Id, r.Title, r.Sector, r.RegionCode, r.Date, r.Notes);

    public static NeedRow Row(Need n) => new(
        n.Id, n.Kind.ToString(), n.EmployerId, n.ForumRoundId, n.Title, n.OccupationId, n.Headcount, n.PeriodStart, n.PeriodEnd,
        n.HoursPerWeek, n.ShiftWork, n.MunicipalityAgs, n.MaxCommuteMinutes,
        Join(n.Skills.Where(s => s.MustHave).Select(s => Invariant($"{s.SkillId}:{s.MinLevel}"))),
        Join(n.Skills.Where(s => !s.MustHave).Select(s => Invariant($"{s.SkillId}:{s.MinLevel}"))),
        Join(n.Certificates), Join(n.Languages.Select(Language)), n.FurtherAbilities, n.Status.ToString(), Join(n.NiceToHaveCertificates));

    public static ClientRow Row(Client c) => new(
        c.Id, c.Reference, c.Caseworker,
        Join(c.Skills.Select(s => Invariant($"{s.SkillId}:{s.Level}:{s.Evidence}"))),
        Join(c.Certificates), Join(c.Languages.Select(Language)),
        Join(c.PastOccupations.Select(o => Invariant($"{o.OccupationId}:{o.Years.ToString("R", CultureInfo.InvariantCulture)}"))),
        Join(c.DesiredOccupations), c.AvailableFrom, c.HoursPerWeek, c.DrivingLicence, c.HasCar, c.MaxCommuteMinutes,
        c.HomeMunicipalityAgs, Join(c.Barriers), c.ConsentToShare,
        c.Protected.Gender, c.Protected.BirthYear, c.Protected.Nationality, c.Protected.SevereDisability);

    public static CourseRow Row(Course c) => new(
        c.Id, c.Provider, c.Title,
        Join(c.Skills.Select(s => Invariant($"{s.SkillId}:{s.Level}"))), Join(c.CertificatesAwarded), Join(c.LanguagesTaught.Select(Language)),
        Join(c.PrerequisiteSkills.Select(s => Invariant($"{s.SkillId}:{s.Level}"))), Join(c.PrerequisiteCertificates), Join(c.PrerequisiteLanguages.Select(Language)),
        c.DurationWeeks, c.HoursPerWeek,
        Join(c.Cohorts.Select(k => Invariant($"{k.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{k.Capacity}:{k.SeatsTaken}"))),
        c.MunicipalityAgs, c.Remote, c.CostEuros, Join(c.Funding), c.AzavCertified,
        c.ProviderCourseId, c.SeriesId, c.SeriesName, c.SeriesId is null ? null : c.Module,
        Join(c.RequiresModules.Select(m => m.ToString(CultureInfo.InvariantCulture))), c.Format, c.ChildcareCompatible, c.Content);

    public static OutcomeRow Row(Outcome o) => new(
        o.Id, o.NeedId, o.ClientId ?? 0, o.Stage.ToString(), o.Reason, o.Date, o.DecidedBy, o.RankAtProposal, o.PassOverReason, (int?)o.ImpressionId);

    private static string Language(LanguageLevel l) => $"{l.Code}:{l.Level}";

    private static string Join(IEnumerable<string> items) => string.Join(';', items);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public TEnum? ParseEnum<TEnum>(string text, string file, long line, string column)
        where TEnum : struct, Enum
    {
        if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        error(file, line, column, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return null;
    }

    public static List<string> Items(string cell) =>
        [.. cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Splits "a:b;c:d" into items of exactly <paramref name="parts"/> parts, or names the cell.</summary>
    private List<string[]>? Tuples(string cell, int parts, string file, long line, string column, string shape)
    {
        var result = new List<string[]>();
        foreach (var item in Items(cell))
        {
            var split = item.Split(':', StringSplitOptions.TrimEntries);
            if (split.Length != parts)
            {
                error(file, line, column, $"'{item}' does not have the form {shape}.");
                return null;
            }

            result.Add(split);
        }

        return result;
    }

    private int? Number(string text, string file, long line, string column)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        error(file, line, column, $"'{text}' is not a whole number.");
        return null;
    }

    private List<SkillRequirementInput>? SkillRequirements(string cell, string file, long line, string column) =>
        Tuples(cell, 2, file, line, column, "skill-id:level")?.Select(t => new SkillRequirementInput(t[0], Number(t[1], file, line, column))).ToList();

    private List<CourseSkillInput> CourseSkills(string cell, string file, long line, string column) =>
        [.. (SkillRequirements(cell, file, line, column) ?? []).Select(s => new CourseSkillInput(s.SkillId, s.MinLevel))];

    private List<LanguageInput>? Languages(string cell, string file, long line, string column) =>
        Tuples(cell, 2, file, line, column, "language:level")?.Select(t => new LanguageInput(t[0], t[1])).ToList();

    private List<ClientSkillInput>? ClientSkills(string cell, string file, long line) =>
        Tuples(cell, 3, file, line, "skills", "skill-id:level:evidence")?.Select(t => new ClientSkillInput(
            t[0], Number(t[1], file, line, "skills"), ParseEnum<EvidenceSource>(t[2], file, line, "skills"))).ToList();

    private List<PastOccupationInput>? PastOccupations(string cell, string file, long line) =>
        Tuples(cell, 2, file, line, "past_occupations", "occupation-id:years")?.Select(t => new PastOccupationInput(
            t[0], double.TryParse(t[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var years) ? years : null)).ToList();

    private List<int> Modules(string cell, string file, long line) =>
        [.. Items(cell).Select(m => Number(m, file, line, "requires_modules")).OfType<int>()];

    private List<CohortInput>? Cohorts(string cell, string file, long line)
    {
        var tuples = Tuples(cell, 3, file, line, "cohorts", "yyyy-MM-dd:capacity:seats-taken");
        if (tuples is null)
        {
            return null;
        }

        var result = new List<CohortInput>();
        foreach (var t in tuples)
        {
            if (!DateOnly.TryParseExact(t[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                error(file, line, "cohorts", $"'{t[0]}' is not a date (yyyy-MM-dd).");
                continue;
            }

            result.Add(new CohortInput(start, Number(t[1], file, line, "cohorts"), Number(t[2], file, line, "cohorts")));
        }

        return result;
    }
}
