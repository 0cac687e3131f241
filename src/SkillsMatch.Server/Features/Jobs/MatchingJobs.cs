using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Features.Jobs;

/// <summary>
/// The recurring jobs. Each is idempotent — running it twice leaves the same state as once — so a
/// retry or a second instance running it at the same time does no harm.
/// </summary>
public sealed partial class MatchingJobs(
    SkillsMatchDbContext db,
    CandidateIndexHost candidates,
    RankerHost ranker,
    TimeProvider clock,
    IOptions<JobsOptions> options,
    ILogger<MatchingJobs> logger)
{
    public const string Retrain = "retrain-ranker";
    public const string Rematch = "rematch-open-needs";
    public const string Expire = "expire-needs";

    /// <summary>Trains a model on all outcomes; promotes it only if it is better (see <see cref="RankerHost.TrainAsync"/>).</summary>
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RetrainAsync(CancellationToken ct)
    {
        var needs = await db.Outcomes.Select(o => o.NeedId).Distinct().CountAsync(ct);
        if (needs < 20)
        {
            LogSkipped(logger, needs);
            return;
        }

        await ranker.TrainAsync(db, clock.GetUtcNow(), ct);
    }

    /// <summary>
    /// Ranks every open need afresh (on all cores, over one snapshot) and brings the stored
    /// shortlists up to date in one transaction: every row is stamped with this run's time in one
    /// statement, and only rows whose rank or score changed, that are new, or that dropped out are
    /// written — a rerun with nothing changed writes no row. Each client keeps when it was first listed.
    /// </summary>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> RematchAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var matcher = await candidates.CurrentAsync(db, ct);
        var needs = await db.Needs.AsNoTracking().Where(n => n.Status == NeedStatus.Open).OrderBy(n => n.Id).ToListAsync(ct);
        var ranked = new IReadOnlyList<Engine.Matching.RankedCandidate>[needs.Count];
        Parallel.For(0, needs.Count, new ParallelOptions { CancellationToken = ct }, i =>
            ranked[i] = matcher.CandidatesFor(needs[i].ToProfile(), options.Value.ShortlistSize, today, Engine.Taxonomy.Language.German, explain: false));

        var openIds = needs.Select(n => n.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.Shortlists.AsNoTracking().Where(s => openIds.Contains(s.NeedId)).ToDictionaryAsync(s => (s.NeedId, s.ClientId), ct);
        await db.Shortlists.Where(s => openIds.Contains(s.NeedId)).ExecuteUpdateAsync(u => u.SetProperty(s => s.ComputedAt, now), ct);
        for (var i = 0; i < needs.Count; i++)
        {
            foreach (var row in ranked[i])
            {
                if (stored.Remove((needs[i].Id, row.ClientId), out var previous))
                {
                    if (previous.Rank != row.Rank || previous.Score != row.Score)
                    {
                        db.Shortlists.Update(new ShortlistEntry { NeedId = previous.NeedId, ClientId = previous.ClientId, Rank = row.Rank, Score = row.Score, ComputedAt = now, FirstListedAt = previous.FirstListedAt });
                    }
                }
                else
                {
                    db.Shortlists.Add(new ShortlistEntry { NeedId = needs[i].Id, ClientId = row.ClientId, Rank = row.Rank, Score = row.Score, ComputedAt = now, FirstListedAt = now });
                }
            }
        }

        // Whoever is left dropped out of a list.
        db.Shortlists.RemoveRange(stored.Values);
        var written = await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogRematched(logger, needs.Count, matcher.Ranker.Name, written, elapsed);
        return needs.Count;
    }

    /// <summary>Open needs whose period ended before today become expired.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task ExpireAsync(CancellationToken ct)
    {
        // Through the change tracker, not ExecuteUpdate, so each expiry is stamped and change-logged like any other save.
        var today = clock.Today();
        var expired = await db.Needs
            .Where(n => n.Status == NeedStatus.Open && n.PeriodEnd != null && n.PeriodEnd < today)
            .ToListAsync(ct);
        foreach (var need in expired)
        {
            need.Status = NeedStatus.Expired;
        }

        await db.SaveChangesAsync(ct);
        LogExpired(logger, expired.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retraining skipped: outcomes of only {Needs} needs")]
    private static partial void LogSkipped(ILogger logger, int needs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rematched {Needs} open needs with {Ranker}, {Rows} shortlist rows written, in {Milliseconds:F0} ms")]
    private static partial void LogRematched(ILogger logger, int needs, string ranker, int rows, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Needs} needs past their end date")]
    private static partial void LogExpired(ILogger logger, int needs);
}
