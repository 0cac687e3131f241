using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Features.Reports;

/// <summary>
/// What to commission: catalogue courses to buy as group runs for several employers' needs, and
/// demanded skills, certificates and languages no catalogue course teaches (to open a course for),
/// each with the clients and needs affected, the employers and forum rounds concerned by name, the
/// earliest need start and the skills. Built by <see cref="Pooling"/> over the open and draft needs
/// starting in the period, ranked once (<see cref="NeedReadiness"/>).
/// </summary>
public sealed class CommissionReport(SkillsMatchDbContext db, NeedReadiness readiness, ReferenceData reference, TimeProvider clock)
{
    public async Task<ReportTable> BuildAsync(DateOnly from, DateOnly to, string? region, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var query = db.Needs.AsNoTracking()
            .Where(n => (n.Status == NeedStatus.Open || n.Status == NeedStatus.Draft) && n.PeriodStart >= from && n.PeriodStart <= to);
        if (region is not null)
        {
            var municipalities = reference.Regions.InRegion(region).Select(m => m.Ags).ToList();
            query = query.Where(n => municipalities.Contains(n.MunicipalityAgs));
        }

        var needs = await query.OrderBy(n => n.Id).ToListAsync(ct);
        var (ready, planner) = await readiness.ForAsync(needs, db, clock.Today(), progress, ct);
        var pooled = Pooling.Build([.. needs.Where(n => ready.ContainsKey(n.Id)).Select(n => ready[n.Id].Ranked)], planner);

        var byId = needs.ToDictionary(n => n.Id);
        var employerIds = needs.Select(n => n.EmployerId).Distinct().ToList();
        var employers = await db.Employers.AsNoTracking().Where(e => employerIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var roundIds = needs.Where(n => n.ForumRoundId is not null).Select(n => n.ForumRoundId!.Value).Distinct().ToList();
        var rounds = await db.ForumRounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Title, ct);

        string Employers(IEnumerable<int> needIds) => Join(needIds.Select(id => employers.GetValueOrDefault(byId[id].EmployerId, "?")));
        string Rounds(IEnumerable<int> needIds) => Join(needIds.Where(id => byId[id].ForumRoundId is not null).Select(id => rounds.GetValueOrDefault(byId[id].ForumRoundId!.Value, "?")));
        DateOnly? Earliest(IReadOnlyList<int> needIds) => needIds.Count == 0 ? null : needIds.Min(id => byId[id].PeriodStart);

        var table = new ReportTable("commission", Texts.Pick("Zu beauftragende Qualifizierungen", "Training to commission"),
        [
            new("action", Texts.Pick("Vorschlag", "Proposal"), ColumnKind.Text),
            new("course", Texts.Pick("Kurs oder fehlende Anforderung", "Course or missing requirement"), ColumnKind.Text),
            new("provider", Texts.Pick("Bildungsträger", "Provider"), ColumnKind.Text),
            new("skills", Texts.Pick("Kompetenzen", "Skills"), ColumnKind.Text),
            new("clients", Texts.Pick("betroffene Klienten", "Clients affected"), ColumnKind.ClientCount),
            new("needs", Texts.Pick("Bedarfe", "Needs"), ColumnKind.Count),
            new("employerCount", Texts.Pick("Anzahl Arbeitgeber", "Number of employers"), ColumnKind.Count),
            new("employers", Texts.Pick("Arbeitgeber", "Employers"), ColumnKind.Text),
            new("forumRounds", Texts.Pick("Forumsrunden", "Forum rounds"), ColumnKind.Text),
            new("earliestNeedStart", Texts.Pick("frühester Bedarfsbeginn", "Earliest need start"), ColumnKind.Date),
            new("cohortStart", Texts.Pick("Kursbeginn", "Cohort start"), ColumnKind.Date),
            new("freeSeats", Texts.Pick("freie Plätze", "Free seats"), ColumnKind.Count),
        ]);
        foreach (var course in pooled.GroupCourses)
        {
            table.Add(
                Texts.Pick("Gruppenmaßnahme einkaufen", "Buy as a group course"), course.CourseTitle, course.Provider, Join(course.Closes),
                course.ClientsReadyInTime, course.NeedIds.Count, course.EmployerIds.Count, Employers(course.NeedIds), Rounds(course.NeedIds),
                Earliest(course.NeedIds), course.CohortStart, course.FreeSeats);
        }

        foreach (var item in pooled.ToCommission)
        {
            var kind = item.Kind switch
            {
                GapKind.Certificate => Texts.Pick("Zertifikat", "Certificate"),
                GapKind.Language => Texts.Pick("Sprache", "Language"),
                _ => Texts.Pick("Kompetenz", "Skill"),
            };
            table.Add(
                Texts.Pick("Kurs neu ausschreiben", "Open a new course"), $"{kind}: {item.Label}", null, item.Label,
                item.ClientsAffected, item.Needs, item.Employers, Employers(item.NeedIds), Rounds(item.NeedIds),
                Earliest(item.NeedIds), null, null);
        }

        table.Notes.Add(Texts.Pick(
            "Gruppenmaßnahmen: Kurstermine, die Bedarfe mindestens zweier Arbeitgeber bedienen, mit den Klienten, die dadurch rechtzeitig bereit wären (höchstens so viele wie freie Plätze). Neu auszuschreiben: geforderte Anforderungen, die kein Kurs des Katalogs vermittelt, mit den Klienten unter den besten Kandidaten, denen genau das fehlt.",
            "Group courses: cohorts serving the needs of at least two employers, with the clients they would get ready in time (at most the free seats). To open: demanded requirements no catalogue course teaches, with the clients among the best candidates who lack exactly that."));
        return table;
    }

    private static string Join(IEnumerable<string> names) => string.Join("; ", names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
