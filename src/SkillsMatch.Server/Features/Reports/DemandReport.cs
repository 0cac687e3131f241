using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Outcomes;

namespace SkillsMatch.Server.Features.Reports;

public enum RegionLevel
{
    Municipality,
    Verbandsgemeinde,
    County,
}

/// <summary>The optional second grouping of the demand report.</summary>
public enum DemandDimension
{
    None,
    Occupation,
    Isco,
    Skill,
}

public enum PeriodUnit
{
    Month,
    Quarter,
}

/// <summary>Which need starts a period's row covers: those in the period, or a look-ahead from its first day.</summary>
public enum Horizon
{
    /// <summary>Needs starting within the period.</summary>
    Period,

    /// <summary>Needs starting within 3 months of the period's first day.</summary>
    ShortTerm,

    /// <summary>Needs starting 3 to 12 months after the period's first day.</summary>
    MediumTerm,
}

/// <summary>What the demand report covers and how it groups. <see cref="Parse"/> checks a request's parameters.</summary>
public sealed record DemandQuery(DateOnly From, DateOnly To, RegionLevel Region, DemandDimension Dimension, PeriodUnit Period, Horizon Horizon)
{
    /// <summary>The query of the request's parameters, or the problems naming each bad one.</summary>
    public static DemandQuery? Parse(string? by, string? period, string? horizon, DateOnly? from, DateOnly? to, ProblemBuilder problems)
    {
        var region = RegionLevel.County;
        var dimension = DemandDimension.None;
        var regionSeen = false;
        foreach (var token in (by ?? "county").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (token.ToLowerInvariant())
            {
                case "municipality" or "gemeinde" when !regionSeen:
                    (region, regionSeen) = (RegionLevel.Municipality, true);
                    break;
                case "verbandsgemeinde" or "association" when !regionSeen:
                    (region, regionSeen) = (RegionLevel.Verbandsgemeinde, true);
                    break;
                case "county" or "kreis" or "district" when !regionSeen:
                    (region, regionSeen) = (RegionLevel.County, true);
                    break;
                case "occupation" when dimension == DemandDimension.None:
                    dimension = DemandDimension.Occupation;
                    break;
                case "isco" when dimension == DemandDimension.None:
                    dimension = DemandDimension.Isco;
                    break;
                case "skill" when dimension == DemandDimension.None:
                    dimension = DemandDimension.Skill;
                    break;
                default:
                    problems.Add("by", Texts.Pick(
                        $"„{token}“ ist keine Gruppierung: eine Regionsebene (municipality, verbandsgemeinde, county) und höchstens eines von occupation, isco, skill, durch Komma getrennt.",
                        $"'{token}' is no grouping: one region level (municipality, verbandsgemeinde, county) and at most one of occupation, isco, skill, separated by commas."));
                    break;
            }
        }

        var unit = PeriodUnit.Month;
        switch (period?.ToLowerInvariant())
        {
            case null or "" or "month":
                break;
            case "quarter":
                unit = PeriodUnit.Quarter;
                break;
            default:
                problems.Add("period", Texts.Pick("Zeitraum: month oder quarter.", "Period: month or quarter."));
                break;
        }

        var look = Horizon.Period;
        switch (horizon?.ToLowerInvariant())
        {
            case null or "" or "period":
                break;
            case "short":
                look = Horizon.ShortTerm;
                break;
            case "medium":
                look = Horizon.MediumTerm;
                break;
            default:
                problems.Add("horizon", Texts.Pick("Horizont: short (bis 3 Monate) oder medium (3–12 Monate).", "Horizon: short (up to 3 months) or medium (3–12 months)."));
                break;
        }

        CheckPeriod(from, to, problems);
        return problems.HasErrors ? null : new DemandQuery(from!.Value, to!.Value, region, dimension, unit, look);
    }

    /// <summary>Both dates present, in order, at most <see cref="Limits.MaxReportMonths"/> months apart (as for cohorts).</summary>
    public static void CheckPeriod(DateOnly? from, DateOnly? to, ProblemBuilder problems)
    {
        if (from is null)
        {
            problems.Add("from", Texts.Pick("Beginn des Zeitraums fehlt.", "Start of the period is missing."));
        }

        if (to is null || (from is not null && to < from))
        {
            problems.Add("to", Texts.Pick("Ende des Zeitraums fehlt oder liegt vor dem Beginn.", "End of the period missing or before the start."));
        }
        else if (from is { } f && to > f.AddMonths(Limits.MaxReportMonths))
        {
            problems.Add("to", Texts.Pick($"Der Zeitraum darf höchstens {Limits.MaxReportMonths} Monate umfassen.", $"The period may span at most {Limits.MaxReportMonths} months."));
        }
    }

    /// <summary>The first day of the period holding <paramref name="day"/>.</summary>
    public DateOnly PeriodOf(DateOnly day) => Period == PeriodUnit.Month
        ? new DateOnly(day.Year, day.Month, 1)
        : new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1);

    public DateOnly Next(DateOnly periodStart) => periodStart.AddMonths(Period == PeriodUnit.Month ? 1 : 3);

    /// <summary>The need starts a period's row covers: [start, end).</summary>
    public (DateOnly Start, DateOnly End) Window(DateOnly periodStart) => Horizon switch
    {
        Horizon.ShortTerm => (periodStart, periodStart.AddMonths(3)),
        Horizon.MediumTerm => (periodStart.AddMonths(3), periodStart.AddMonths(12)),
        _ => (periodStart, Next(periodStart)),
    };

    public string PeriodLabel(DateOnly periodStart) => Period == PeriodUnit.Month
        ? periodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{periodStart.Year}-Q{((periodStart.Month - 1) / 3) + 1}");
}

/// <summary>
/// The demand and supply report: per region (and occupation, ISCO group or skill) and period,
/// the headcount demanded, clients ready now and ready in time with training, the shortage ratio,
/// shortage indicators after the Bundesagentur's Engpassanalyse (vacancy duration, clients per
/// vacancy) and the change against the previous period. docs/reports.md gives the method.
/// </summary>
public sealed class DemandReport(SkillsMatchDbContext db, NeedReadiness readiness, ReferenceData reference, TimeProvider clock)
{
    private sealed class Cell
    {
        public int Needs;
        public int Headcount;
        public int OpenHeadcount;
        public readonly HashSet<int> Employers = [];
        public readonly HashSet<int> ReadyNow = [];
        public readonly HashSet<int> ReadyWithTraining = [];
        public readonly List<int> VacancyDays = [];
        public readonly HashSet<int> NeedIds = [];
        public readonly Dictionary<(string Title, string Provider), (HashSet<int> Clients, HashSet<int> Needs)> Courses = [];
    }

    /// <summary>Courses per region and period at most listed in the training view.</summary>
    public const int CoursesPerRow = 10;

    /// <summary>
    /// The report, not yet suppressed: the demand table and the training demand view (per region and
    /// period, the courses in the ready-in-time plans of the candidates, with the clients they would get ready).
    /// </summary>
    public async Task<IReadOnlyList<ReportTable>> BuildAsync(DemandQuery query, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var periods = new List<DateOnly>();
        for (var p = query.PeriodOf(query.From); p <= query.To; p = query.Next(p))
        {
            periods.Add(p);
        }

        var previous = query.PeriodOf(query.PeriodOf(query.From).AddDays(-1));
        var earliest = query.Window(previous).Start;
        var latest = query.Window(periods[^1]).End;

        // Withdrawn needs (Closed) are no demand; drafts, open, filled and expired ones are.
        var needs = await db.Needs.AsNoTracking()
            .Where(n => n.Status != NeedStatus.Closed && n.PeriodStart >= earliest && n.PeriodStart < latest)
            .ToListAsync(ct);
        var filledIds = needs.Where(n => n.Status == NeedStatus.Filled).Select(n => n.Id).ToList();
        var hires = (await db.Outcomes.AsNoTracking()
                .Where(o => o.Stage == OutcomeStage.Hired && filledIds.Contains(o.NeedId))
                .Select(o => new { o.NeedId, o.Date })
                .ToListAsync(ct))
            .GroupBy(o => o.NeedId)
            .ToDictionary(g => g.Key, g => g.Min(o => o.Date));
        var (ready, _) = await readiness.ForAsync(needs, db, clock.Today(), progress, ct);

        var language = Texts.Current;
        var taxonomy = reference.Taxonomy;
        var cells = new Dictionary<(string Region, string Dimension, DateOnly Period), Cell>();
        var training = new Dictionary<(string Region, DateOnly Period), Cell>();
        var totals = new Dictionary<DateOnly, Cell>();
        var regionNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var dimensionNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var need in needs)
        {
            var (regionCode, regionName) = RegionOf(need.MunicipalityAgs, query.Region);
            regionNames[regionCode] = regionName;
            var dimensions = DimensionsOf(need, query.Dimension, taxonomy, language);
            ready.TryGetValue(need.Id, out var r);
            int? vacancyDays = hires.TryGetValue(need.Id, out var hired) ? Math.Max(0, hired.DayNumber - need.PeriodStart.DayNumber) : null;
            foreach (var period in PeriodsCovering(query, need.PeriodStart, previous, periods[^1]))
            {
                foreach (var (code, name) in dimensions)
                {
                    dimensionNames[code] = name;
                    if (!cells.TryGetValue((regionCode, code, period), out var cell))
                    {
                        cells[(regionCode, code, period)] = cell = new Cell();
                    }

                    Add(cell, need, r, vacancyDays);
                }

                if (!training.TryGetValue((regionCode, period), out var courses))
                {
                    training[(regionCode, period)] = courses = new Cell();
                }

                AddCourses(courses, need, r);
                if (!totals.TryGetValue(period, out var total))
                {
                    totals[period] = total = new Cell();
                }

                Add(total, need, r, vacancyDays);
            }
        }

        var table = new ReportTable("demand", Texts.Pick("Bedarf und Angebot", "Demand and supply"), Columns(query));
        var hasDimension = query.Dimension != DemandDimension.None;
        var groups = cells.Keys.Select(k => (k.Region, k.Dimension)).Distinct()
            .OrderBy(k => regionNames[k.Region], StringComparer.Ordinal)
            .ThenBy(k => k.Region, StringComparer.Ordinal)
            .ThenBy(k => dimensionNames[k.Dimension], StringComparer.Ordinal)
            .ToList();
        foreach (var period in periods)
        {
            var partRows = new List<int>();
            foreach (var (region, dimension) in groups)
            {
                if (!cells.TryGetValue((region, dimension, period), out var cell))
                {
                    continue;
                }

                cells.TryGetValue((region, dimension, query.PeriodOf(period.AddDays(-1))), out var before);
                partRows.Add(table.Rows.Count);
                table.Add(Row(query, regionNames[region], region, hasDimension ? (dimensionNames[dimension], dimension) : null, period, cell, before));
            }

            if (partRows.Count > 1)
            {
                var totalRow = table.Rows.Count;
                totals.TryGetValue(query.PeriodOf(period.AddDays(-1)), out var totalBefore);
                table.Add(Row(query, Texts.Pick("Insgesamt", "Total"), "", hasDimension ? (Texts.Pick("alle", "all"), "") : null, period, totals[period], totalBefore));
                table.AddColumnTotals(totalRow, partRows);
            }
        }

        table.Notes.Add(Texts.Pick(
            "Personalbedarf: Köpfe aller Bedarfe außer zurückgezogenen, nach Beginn; sofort passend: unter den besten Kandidaten eines offenen Bedarfs, wer jede Muss-Anforderung erfüllt; mit Qualifizierung: wer mit einem Schulungsplan rechtzeitig bereit ist. Methode: docs/reports.md.",
            "Headcount: all needs but withdrawn ones, by start; ready now: among an open need's best candidates, those meeting every must-have; with training: those a training plan gets ready in time. Method: docs/reports.md."));
        return [table, TrainingTable(query, periods, training, regionNames)];
    }

    private static void AddCourses(Cell cell, Need need, Readiness? r)
    {
        if (r is null)
        {
            return;
        }

        foreach (var candidate in r.Ranked.Candidates)
        {
            if (candidate.Plan is not { ReadyInTime: true } plan || NeedReadiness.ReadyNow(candidate))
            {
                continue;
            }

            foreach (var step in plan.Steps)
            {
                if (!cell.Courses.TryGetValue((step.CourseTitle, step.Provider), out var course))
                {
                    cell.Courses[(step.CourseTitle, step.Provider)] = course = ([], []);
                }

                course.Clients.Add(candidate.ClientId);
                course.Needs.Add(need.Id);
            }
        }
    }

    private static ReportTable TrainingTable(DemandQuery query, List<DateOnly> periods, Dictionary<(string Region, DateOnly Period), Cell> training, Dictionary<string, string> regionNames)
    {
        var table = new ReportTable("training", Texts.Pick("Qualifizierungsbedarf", "Training demand"),
        [
            new("region", Texts.Pick("Region", "Region"), ColumnKind.Text),
            new("regionCode", Texts.Pick("Regionalschlüssel", "Region code"), ColumnKind.Text),
            new("period", Texts.Pick("Zeitraum", "Period"), ColumnKind.Text),
            new("course", Texts.Pick("Kurs", "Course"), ColumnKind.Text),
            new("provider", Texts.Pick("Bildungsträger", "Provider"), ColumnKind.Text),
            new("clients", Texts.Pick("Klienten, die der Kurs rechtzeitig qualifiziert", "Clients the course gets ready in time"), ColumnKind.ClientCount),
            new("needs", Texts.Pick("Bedarfe", "Needs"), ColumnKind.Count),
        ]);
        var periodSet = periods.ToHashSet();
        foreach (var ((region, period), cell) in training
            .Where(p => periodSet.Contains(p.Key.Period))
            .OrderBy(p => p.Key.Period)
            .ThenBy(p => regionNames[p.Key.Region], StringComparer.Ordinal)
            .ThenBy(p => p.Key.Region, StringComparer.Ordinal))
        {
            foreach (var ((title, provider), course) in cell.Courses
                .OrderByDescending(c => c.Value.Clients.Count)
                .ThenBy(c => c.Key.Title, StringComparer.Ordinal)
                .Take(CoursesPerRow))
            {
                table.Add(regionNames[region], region, query.PeriodLabel(period), title, provider, course.Clients.Count, course.Needs.Count);
            }
        }

        table.Notes.Add(Texts.Pick(
            $"Je Region und Zeitraum die bis zu {CoursesPerRow} Kurse, die in den Schulungsplänen der mit Qualifizierung rechtzeitig passenden Klienten am häufigsten vorkommen.",
            $"Per region and period the up to {CoursesPerRow} courses most frequent in the training plans of the clients ready in time with training."));
        return table;
    }

    private static void Add(Cell cell, Need need, Readiness? r, int? vacancyDays)
    {
        if (!cell.NeedIds.Add(need.Id))
        {
            return;
        }

        cell.Needs++;
        cell.Headcount += need.Headcount;
        cell.Employers.Add(need.EmployerId);
        if (need.Status is NeedStatus.Open or NeedStatus.Draft)
        {
            cell.OpenHeadcount += need.Headcount;
        }

        if (r is not null)
        {
            cell.ReadyNow.UnionWith(r.Now);
            cell.ReadyWithTraining.UnionWith(r.WithTraining);
        }

        if (vacancyDays is { } days)
        {
            cell.VacancyDays.Add(days);
        }
    }

    /// <summary>The periods (from the one before the first to the last) whose window holds the start.</summary>
    private static IEnumerable<DateOnly> PeriodsCovering(DemandQuery query, DateOnly start, DateOnly first, DateOnly last)
    {
        for (var p = first; p <= last; p = query.Next(p))
        {
            var (from, to) = query.Window(p);
            if (start >= from && start < to)
            {
                yield return p;
            }
        }
    }

    private (string Code, string Name) RegionOf(string ags, RegionLevel level)
    {
        if (reference.Regions.Find(ags) is not { } m)
        {
            return (ags, Texts.Pick("unbekannte Gemeinde", "unknown municipality"));
        }

        return level switch
        {
            RegionLevel.Municipality => (m.Ags, m.Name),
            RegionLevel.Verbandsgemeinde => (m.AssociationCode, m.Association),
            _ => (m.DistrictAgs, m.District),
        };
    }

    private static List<(string Code, string Name)> DimensionsOf(Need need, DemandDimension dimension, SkillTaxonomy taxonomy, Language language)
    {
        var none = ("", Texts.Pick("ohne Angabe", "not given"));
        switch (dimension)
        {
            case DemandDimension.Occupation:
                return [need.OccupationId is { } o && taxonomy.FindOccupation(o) is { } occupation ? (occupation.Id, occupation.Label(language)) : none];
            case DemandDimension.Isco:
                return [need.OccupationId is { } i && taxonomy.FindOccupation(i) is { } unit ? (unit.IscoGroup, "ISCO-08 " + unit.IscoGroup) : none];
            case DemandDimension.Skill:
                var skills = need.Skills.Where(s => s.MustHave).Select(s => s.SkillId).Distinct(StringComparer.Ordinal)
                    .Select(id => (id, taxonomy.FindSkill(id)?.Label(language) ?? id)).ToList();
                return skills.Count > 0 ? skills : [none];
            default:
                return [("", "")];
        }
    }

    private static List<ReportColumn> Columns(DemandQuery query)
    {
        var columns = new List<ReportColumn>
        {
            new("region", Texts.Pick("Region", "Region"), ColumnKind.Text),
            new("regionCode", Texts.Pick("Regionalschlüssel", "Region code"), ColumnKind.Text),
        };
        if (query.Dimension != DemandDimension.None)
        {
            var (label, code) = query.Dimension switch
            {
                DemandDimension.Occupation => (Texts.Pick("Beruf (ESCO)", "Occupation (ESCO)"), Texts.Pick("ESCO-Beruf-ID", "ESCO occupation id")),
                DemandDimension.Isco => (Texts.Pick("Berufsgruppe (ISCO-08)", "Occupation group (ISCO-08)"), Texts.Pick("ISCO-08-Code", "ISCO-08 code")),
                _ => (Texts.Pick("Muss-Kompetenz", "Must-have skill"), Texts.Pick("ESCO-Kompetenz-ID", "ESCO skill id")),
            };
            columns.Add(new("group", label, ColumnKind.Text));
            columns.Add(new("groupCode", code, ColumnKind.Text));
        }

        columns.AddRange(
        [
            new("period", Texts.Pick("Zeitraum", "Period"), ColumnKind.Text),
            new("needs", Texts.Pick("Bedarfe", "Needs"), ColumnKind.Count),
            new("headcount", Texts.Pick("Personalbedarf (Köpfe)", "Headcount demanded"), ColumnKind.Count),
            new("openHeadcount", Texts.Pick("davon offen", "of which open"), ColumnKind.Count),
            new("employers", Texts.Pick("Arbeitgeber", "Employers"), ColumnKind.Count),
            new("readyNow", Texts.Pick("sofort passende Klienten", "Clients ready now"), ColumnKind.ClientCount),
            new("readyWithTraining", Texts.Pick("mit Qualifizierung rechtzeitig passend", "Ready in time with training"), ColumnKind.ClientCount),
            new("shortageRatio", Texts.Pick("Engpassquote (offene Köpfe je sofort passendem Klienten)", "Shortage ratio (open headcount per client ready now)"), ColumnKind.Ratio) { DerivedFrom = ["readyNow"] },
            new("clientsPerVacancy", Texts.Pick("passende Klienten je offener Stelle", "Suitable clients per open vacancy"), ColumnKind.Ratio) { DerivedFrom = ["readyNow", "readyWithTraining"] },
            new("vacancyDays", Texts.Pick("Vakanzzeit (Tage, Median)", "Vacancy duration (days, median)"), ColumnKind.Count),
            new("vacanciesMeasured", Texts.Pick("besetzte Bedarfe mit Vakanzzeit", "Filled needs with a vacancy duration"), ColumnKind.Count),
            new("headcountChange", Texts.Pick("Veränderung Personalbedarf zum Vorzeitraum (%)", "Change of headcount against the previous period (%)"), ColumnKind.Ratio) { DerivedFrom = ["headcount"] },
        ]);
        return columns;
    }

    private static object?[] Row(DemandQuery query, string region, string regionCode, (string Name, string Code)? dimension, DateOnly period, Cell cell, Cell? before)
    {
        var readyNow = cell.ReadyNow.Count;
        var withTraining = cell.ReadyWithTraining.Except(cell.ReadyNow).Count();
        var values = new List<object?> { region, regionCode };
        if (dimension is { } d)
        {
            values.Add(d.Name);
            values.Add(d.Code);
        }

        values.AddRange(
        [
            query.PeriodLabel(period),
            cell.Needs,
            cell.Headcount,
            cell.OpenHeadcount,
            cell.Employers.Count,
            readyNow,
            withTraining,
            readyNow > 0 ? Math.Round((double)cell.OpenHeadcount / readyNow, 3) : null,
            cell.OpenHeadcount > 0 ? Math.Round((double)(readyNow + withTraining) / cell.OpenHeadcount, 3) : null,
            Median(cell.VacancyDays),
            cell.VacancyDays.Count,
            before is { Headcount: > 0 } b ? Math.Round(100.0 * (cell.Headcount - b.Headcount) / b.Headcount, 1) : null,
        ]);
        return [.. values];
    }

    private static double? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }
}
