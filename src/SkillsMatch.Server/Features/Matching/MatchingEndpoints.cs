using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Ranking;
using SkillsMatch.Server.Features.Training;
using SkillsMatch.Engine.Reference;

namespace SkillsMatch.Server.Features.Matching;

/// <summary>A ranked client: rank, the impression that recorded it, fit 0–100 (the score that orders the list, as a whole number), the learned correction in it, features, explanation and plan.</summary>
public sealed record CandidateRow(int Rank, long ImpressionId, int ClientId, string Reference, bool ConsentToShare, int Fit, double Score, double Correction, IReadOnlyDictionary<string, float> Features, IReadOnlyList<string> Explanation, TrainingPlanResponse? Plan);

/// <summary>The ranked clients of a need; <c>need</c> names its title, employer and place.</summary>
public sealed record CandidatesResponse(int NeedId, Guid ListId, string Ranker, int FeatureSchema, IReadOnlyList<CandidateRow> Candidates, NeedSummary Need) : IClientData
{
    IEnumerable<int> IClientData.ClientIds => Candidates.Select(c => c.ClientId);

    Guid? IClientData.ListId => ListId;

    int? IClientData.NeedId => NeedId;
}

/// <summary>A ranked need for a client, with its employer's and municipality's names beside their ids.</summary>
public sealed record NeedMatchRow(int Rank, long ImpressionId, int NeedId, string Title, int EmployerId, string MunicipalityAgs, DateOnly PeriodStart, int Fit, double Score, double Correction, IReadOnlyDictionary<string, float> Features, IReadOnlyList<string> Explanation, TrainingPlanResponse? Plan, string EmployerName, string? MunicipalityName);

public sealed record ShortlistRow(int ClientId, int Rank, long ImpressionId, int Fit, double Score, DateTimeOffset FirstListedAt, bool NewSinceLastRun, string Reference);

public sealed record ShortlistResponse(int NeedId, Guid ListId, DateTimeOffset? ComputedAt, IReadOnlyList<ShortlistRow> Candidates, NeedSummary Need) : IClientData
{
    IEnumerable<int> IClientData.ClientIds => Candidates.Select(c => c.ClientId);

    Guid? IClientData.ListId => ListId;

    int? IClientData.NeedId => NeedId;
}

public sealed record MatchesResponse(int ClientId, Guid ListId, string Ranker, int FeatureSchema, IReadOnlyList<NeedMatchRow> Needs, IReadOnlyList<ReferralResponse> Referrals) : IClientData
{
    IEnumerable<int> IClientData.ClientIds => [ClientId];

    Guid? IClientData.ListId => ListId;
}

public static class MatchingEndpoints
{
    public const int MaxTop = 500;

    /// <summary>The change-log sequence of the snapshot a list was ranked on, so an answer can be related to the database state it reflects.</summary>
    public const string SnapshotHeader = "SkillsMatch-Snapshot";

    private const int MaxAttempts = 3;

    public static void MapMatchingEndpoints(this IEndpointRouteBuilder routes)
    {
        // Ranked lists name clients: caseworkers only (employers get pseudonymous-candidates).
        var group = routes.MapGroup("/api").WithTags("Matching").RequireAuthorization(Policies.Caseworker).Audited();

        group.MapGet("/needs/{id:int}/candidates", (int id, int? top, SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
            Candidates(id, top, db, host, reference, clock, response, ct));

        group.MapGet("/needs/{id:int}/shortlist", async Task<Results<Ok<ShortlistResponse>, ProblemHttpResult>> (
            int id, SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, RankerStore rankers, TimeProvider clock, CancellationToken ct) =>
        {
            var need = await db.Needs.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
            if (need is null)
            {
                return Problems.NotFound(Texts.Pick("Bedarf", "need"), id);
            }

            var rows = await db.Shortlists.AsNoTracking().Where(s => s.NeedId == id).OrderBy(s => s.Rank).ToListAsync(ct);
            var clientIds = rows.Select(r => r.ClientId).ToList();
            var references = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, ct);

            // The stored shortlist keeps no features; the impressions get them recomputed as of today
            // (empty when a client has left the index since the rematch run).
            var shown = new List<ShownRow>(rows.Count);
            if (rows.Count > 0)
            {
                var matcher = await host.CurrentAsync(db, ct);
                var profile = need.ToProfile();
                var today = clock.Today();
                shown.AddRange(rows.Select(r => new ShownRow(id, r.ClientId, matcher.FeaturesOf(profile, r.ClientId, today)?.ToArray() ?? [])));
            }

            var list = await ImpressionLog.RecordAsync(db, ListKind.Shortlist, rankers.Active.Name, shown, clock.GetUtcNow(), ct);
            return TypedResults.Ok(new ShortlistResponse(
                id,
                list.ListId,
                rows.Count == 0 ? null : rows[0].ComputedAt,
                [.. rows.Select((r, i) => new ShortlistRow(r.ClientId, r.Rank, list.ImpressionIds[i], HeuristicScore.Percent(r.Score), r.Score, r.FirstListedAt, r.FirstListedAt == r.ComputedAt, references.GetValueOrDefault(r.ClientId, "")))],
                await NeedSummary.ForAsync(need, db, reference, ct)));
        });

        group.MapGet("/clients/{id:int}/matches", (int id, int? top, SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, Access access, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
            Matches(id, top, db, host, reference, access, clock, response, ct));
    }

    /// <summary>The ranked clients of a need, recorded as impressions (the list shown).</summary>
    internal static async Task<Results<Ok<CandidatesResponse>, ValidationProblem, ProblemHttpResult>> Candidates(
        int id, int? top, SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        if (CheckTop(top) is { } problem)
        {
            return problem;
        }

        var need = await db.Needs.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (need is null)
        {
            return Problems.NotFound(Texts.Pick("Bedarf", "need"), id);
        }

        // The list is served only if every client in it still exists when its impressions are
        // written (in one write transaction); a client deleted since the snapshot was taken
        // means a fresher snapshot and a new ranking, so every list is the ranking of one snapshot.
        var profile = need.ToProfile();
        var summary = await NeedSummary.ForAsync(need, db, reference, ct);
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                await host.RefreshAsync(db, ct);
            }

            var snapshot = await host.SnapshotAsync(db, ct);
            var matcher = host.MatcherOver(snapshot);
            var ranked = matcher.CandidatesFor(profile, top ?? 50, clock.Today(), Texts.Current);
            var ids = ranked.Select(r => r.ClientId).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var references = await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => new { c.Reference, c.ConsentToShare }, ct);
            if (!await db.Needs.AnyAsync(n => n.Id == id, ct))
            {
                return Problems.NotFound(Texts.Pick("Bedarf", "need"), id);
            }

            if (references.Count < ids.Count && attempt < MaxAttempts)
            {
                continue;
            }

            ranked = [.. ranked.Where(r => references.ContainsKey(r.ClientId))];
            RecordedList list;
            try
            {
                list = await ImpressionLog.RecordAsync(
                    db, ListKind.Candidates, matcher.Ranker.Name, [.. ranked.Select(r => new ShownRow(id, r.ClientId, r.Features.ToArray()))], clock.GetUtcNow(), ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (DbConstraints.IsForeignKeyViolation(e) && attempt < MaxAttempts)
            {
                // Under PostgreSQL's read committed a client may be deleted between the check and
                // the impressions' insert; the foreign key refuses the insert: rank again, as above.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                continue;
            }
            response.Headers[SnapshotHeader] = snapshot.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Ok(new CandidatesResponse(
                id, list.ListId, matcher.Ranker.Name, CandidateFeatures.SchemaVersion,
                [.. ranked.Select((r, i) => new CandidateRow(
                    i + 1, list.ImpressionIds[i], r.ClientId, references[r.ClientId].Reference, references[r.ClientId].ConsentToShare, r.Fit, r.Score, r.Correction, FeatureMap(r.Features), r.Explanation, TrainingPlanResponse.From(r.Plan)))],
                summary));
        }
    }

    /// <summary>The ranked open needs of a client within reach, recorded as impressions (the list shown), with the client's referrals.</summary>
    internal static async Task<Results<Ok<MatchesResponse>, ValidationProblem, ProblemHttpResult>> Matches(
        int id, int? top, SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, Access access, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        if (CheckTop(top) is { } problem)
        {
            return problem;
        }

        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null || !access.Reaches(client))
        {
            return Problems.NotFound(Texts.Pick("Klient", "client"), id);
        }

        // Only the open needs sharing a skill or an occupation group with the client are scored.
        var snapshot = await host.SnapshotAsync(db, ct);
        response.Headers[SnapshotHeader] = snapshot.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var matcher = host.MatcherOver(snapshot);
        var ranked = matcher.NeedsFor(id, snapshot.OpenNeeds, top ?? 20, clock.Today(), Texts.Current);
        var needIds = ranked.Select(r => r.NeedId).ToList();

        // Checked and recorded in one write transaction: a need or the client deleted since the
        // snapshot was taken is left out rather than recorded against a missing row.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var byId = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
        if (!await db.Clients.AnyAsync(c => c.Id == id, ct))
        {
            return Problems.NotFound(Texts.Pick("Klient", "client"), id);
        }

        ranked = [.. ranked.Where(r => byId.ContainsKey(r.NeedId))];
        var employers = await NeedSummary.EmployerNamesAsync(db, byId.Values.Select(n => n.EmployerId), ct);
        var list = await ImpressionLog.RecordAsync(
            db, ListKind.Matches, matcher.Ranker.Name, [.. ranked.Select(r => new ShownRow(r.NeedId, id, r.Features.ToArray()))], clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new MatchesResponse(
            id, list.ListId, matcher.Ranker.Name, CandidateFeatures.SchemaVersion,
            [.. ranked.Select((r, i) =>
            {
                var need = byId[r.NeedId];
                return new NeedMatchRow(i + 1, list.ImpressionIds[i], need.Id, need.Title, need.EmployerId, need.MunicipalityAgs, need.PeriodStart, r.Fit, r.Score, r.Correction, FeatureMap(r.Features), r.Explanation, TrainingPlanResponse.From(r.Plan),
                    employers.GetValueOrDefault(need.EmployerId, ""), reference.Regions.Find(need.MunicipalityAgs)?.Name);
            })],
            TrainingEndpoints.ReferralsOf(client, reference)));
    }

    internal static ValidationProblem? CheckTop(int? top)
    {
        if (top is null or (>= 1 and <= MaxTop))
        {
            return null;
        }

        var problems = new ProblemBuilder();
        problems.Add("top", Texts.Pick($"top muss zwischen 1 und {MaxTop} liegen.", $"top must be between 1 and {MaxTop}."));
        return problems.ToProblem();
    }


    private static Dictionary<string, float> FeatureMap(CandidateFeatures features)
    {
        var values = features.ToArray();
        return CandidateFeatures.Names.Select((name, i) => (name, values[i])).ToDictionary(p => p.name, p => p.Item2);
    }
}
