using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Features.Training;

public static class TrainingEndpoints
{
    /// <summary>Candidates per need considered when pooling training across needs.</summary>
    private const int PoolingCandidatesPerNeed = 50;

    public static void MapTrainingEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Training");
        var demand = group.MapGroup("").RequireAuthorization(Policies.Demand);
        group = group.MapGroup("").RequireAuthorization(Policies.Caseworker).Audited();

        group.MapGet("/clients/{id:int}/plan", async Task<Results<Ok<ClientPlanResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, int? need, SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, Access access, TimeProvider clock, CancellationToken ct) =>
        {
            if (need is null)
            {
                var problems = new ProblemBuilder();
                problems.Add("need", Texts.Pick("Die Bedarfs-ID fehlt (?need=).", "The need id is missing (?need=)."));
                return problems.ToProblem();
            }

            var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (client is null || !access.Reaches(client))
            {
                return Problems.NotFound(Texts.Pick("Klient", "client"), id);
            }

            var target = await db.Needs.AsNoTracking().FirstOrDefaultAsync(n => n.Id == need, ct);
            if (target is null)
            {
                return Problems.NotFound(Texts.Pick("Bedarf", "need"), need.Value);
            }

            var matcher = await host.CurrentAsync(db, ct);
            var plan = matcher.Training!.Plan(client.ToProfile(), target.ToProfile(), clock.Today(), Texts.Current);
            return TypedResults.Ok(new ClientPlanResponse(id, target.Id, TrainingPlanResponse.From(plan)!, ReferralsOf(client, reference)));
        });

        group.MapGet("/needs/{id:int}/training", async Task<Results<Ok<NeedTrainingResponse>, ProblemHttpResult>> (
            int id, SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, TimeProvider clock, CancellationToken ct) =>
        {
            var need = await db.Needs.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
            if (need is null)
            {
                return Problems.NotFound(Texts.Pick("Bedarf", "need"), id);
            }

            var matcher = await host.CurrentAsync(db, ct);
            var profile = need.ToProfile();
            var candidates = matcher.CandidatesFor(profile, PoolingCandidatesPerNeed, clock.Today(), Texts.Current);
            var trained = candidates.Where(c => c.Plan is { ReadyInTime: true }).ToList();
            var ids = trained.Select(c => c.ClientId).ToList();
            var references = await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, ct);
            var courses = Pooling.Build([new NeedCandidates(profile, need.EmployerId, candidates)], matcher.Training!, minEmployers: 1);
            return TypedResults.Ok(new NeedTrainingResponse(
                id,
                [.. trained.Select(c => new TrainedCandidateResponse(c.ClientId, references.GetValueOrDefault(c.ClientId, ""), c.Rank, c.Fit, c.Score, c.Plan!.ReadyBy, TrainingPlanResponse.From(c.Plan)!))],
                courses,
                await NeedSummary.ForAsync(need, db, reference, ct)));
        });

        demand.MapGet("/forum/rounds/{id:int}/cohorts", async Task<Results<Ok<PoolingReportView>, ProblemHttpResult>> (
            int id, SkillsMatchDbContext db, CandidateIndexHost host, Access access, IConfiguration configuration, TimeProvider clock, CancellationToken ct) =>
        {
            if (!await db.ForumRounds.AnyAsync(r => r.Id == id, ct))
            {
                return Problems.NotFound(Texts.Pick("Forumsrunde", "forum round"), id);
            }

            var needs = await db.Needs.AsNoTracking()
                .Where(n => n.ForumRoundId == id && (n.Status == NeedStatus.Open || n.Status == NeedStatus.Draft))
                .ToListAsync(ct);
            return TypedResults.Ok(PoolingReportView.For(await PoolAsync(needs, db, host, clock, ct), access, configuration));
        });

        demand.MapGet("/training/cohorts", RegionCohortsAsync);
    }

    /// <summary>Training demand pooled over the open and draft needs of a region starting in a period; the provider's web page calls it too.</summary>
    internal static async Task<Results<Ok<PoolingReportView>, ValidationProblem>> RegionCohortsAsync(
        string? region, DateOnly? from, DateOnly? to, SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, Access access, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (region is null || !reference.Regions.ContainsRegion(region))
        {
            problems.Add("region", Texts.Pick("Region fehlt oder ist unbekannt.", "Region missing or unknown."));
        }

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
            // Bounded cost: a report covers at most two years of need starts.
            problems.Add("to", Texts.Pick($"Der Zeitraum darf höchstens {Limits.MaxReportMonths} Monate umfassen.", $"The period may span at most {Limits.MaxReportMonths} months."));
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var municipalities = reference.Regions.InRegion(region!).Select(m => m.Ags).ToList();
        var needs = await db.Needs.AsNoTracking()
            .Where(n => municipalities.Contains(n.MunicipalityAgs) && (n.Status == NeedStatus.Open || n.Status == NeedStatus.Draft)
                && n.PeriodStart >= from && n.PeriodStart <= to)
            .ToListAsync(ct);
        return TypedResults.Ok(PoolingReportView.For(await PoolAsync(needs, db, host, clock, ct), access, configuration));
    }

    public static IReadOnlyList<ReferralResponse> ReferralsOf(Clients.Client client, ReferenceData reference) =>
        [.. Referrals.For(client.Barriers, client.HomeMunicipalityAgs, reference, Texts.Current).Select(r => ReferralResponse.From(r, Texts.Current == Language.German, reference.Regions))];

    private static async Task<PoolingReport> PoolAsync(List<Need> needs, SkillsMatchDbContext db, CandidateIndexHost host, TimeProvider clock, CancellationToken ct)
    {
        var matcher = await host.CurrentAsync(db, ct);
        var planner = matcher.Training!;
        var today = clock.Today();
        var language = Texts.Current;

        // Pooling reads only the candidates' training plans. A need no cohort can finish training
        // for before it starts has none, so its candidates are not ranked at all; the others are
        // ranked without explanations, spread over the cores.
        var ranked = new NeedCandidates[needs.Count];
        Parallel.For(0, needs.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var profile = needs[i].ToProfile();
            var candidates = planner.AnyCohortBetween(today, profile.PeriodStart)
                ? matcher.CandidatesFor(profile, PoolingCandidatesPerNeed, today, language, explain: false)
                : [];
            ranked[i] = new NeedCandidates(profile, needs[i].EmployerId, candidates);
        });
        return Pooling.Build(ranked, planner);
    }
}
