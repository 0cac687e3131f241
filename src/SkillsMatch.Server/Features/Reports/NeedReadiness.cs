using System.Collections.Concurrent;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Features.Reports;

/// <summary>
/// One need's best candidates as the reports read them: who meets every requirement now, who
/// would be ready in time with training, and the ranked list itself (for pooling).
/// </summary>
public sealed record Readiness(int[] Now, int[] WithTraining, NeedCandidates Ranked);

/// <summary>
/// Ranks each need once per matching snapshot, day and ranker (top <c>Reports:CandidatesPerNeed</c>,
/// default 50, without explanations, spread over the cores) and keeps the result, so the demand and
/// commissioning reports and every grouping of them reuse it until the data change.
/// </summary>
public sealed class NeedReadiness(CandidateIndexHost host, IConfiguration configuration)
{
    public const int DefaultCandidatesPerNeed = 50;

    private readonly Lock _gate = new();
    private (long Sequence, DateOnly Day, object Ranker) _stamp;
    private ConcurrentDictionary<int, Readiness> _cache = new();

    /// <summary>Readiness of every need given (open or draft ones; others get none), reporting each ranked need to <paramref name="progress"/>.</summary>
    public async Task<(IReadOnlyDictionary<int, Readiness> ByNeed, TrainingPlanner Planner)> ForAsync(
        IReadOnlyList<Need> needs, SkillsMatchDbContext db, DateOnly today, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var snapshot = await host.SnapshotAsync(db, ct);
        var matcher = host.MatcherOver(snapshot);
        var cache = CacheFor((snapshot.Sequence, today, matcher.Ranker));
        var top = Math.Max(1, configuration.GetValue("Reports:CandidatesPerNeed", DefaultCandidatesPerNeed));
        var todo = needs.Where(n => n.Status is NeedStatus.Open or NeedStatus.Draft && !cache.ContainsKey(n.Id)).ToList();
        var done = 0;
        Parallel.For(0, todo.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var need = todo[i];
            var profile = need.ToProfile();
            var candidates = matcher.CandidatesFor(profile, top, today, Language.German, explain: false);
            cache[need.Id] = new Readiness(
                [.. candidates.Where(c => ReadyNow(c)).Select(c => c.ClientId)],
                [.. candidates.Where(c => !ReadyNow(c) && c.Plan is { ReadyInTime: true }).Select(c => c.ClientId)],
                new NeedCandidates(profile, need.EmployerId, candidates));
            var count = Interlocked.Increment(ref done);
            if (progress is not null && (count % 100 == 0 || count == todo.Count))
            {
                progress.Report((count, todo.Count));
            }
        });

        var result = new Dictionary<int, Readiness>();
        foreach (var need in needs)
        {
            if (cache.TryGetValue(need.Id, out var readiness))
            {
                result[need.Id] = readiness;
            }
        }

        return (result, matcher.Training!);
    }

    /// <summary>Meets every requirement without training: every must-have held at its level, certificates and languages present.</summary>
    public static bool ReadyNow(RankedCandidate c) =>
        c.Plan is null && c.Features.MustHaveCoverage >= 1 && c.Features.LevelDeficit <= 0 && c.Features.CertificateGap <= 0 && c.Features.LanguageGap <= 0;

    private ConcurrentDictionary<int, Readiness> CacheFor((long, DateOnly, object) stamp)
    {
        lock (_gate)
        {
            if (_stamp.Item3 is null || _stamp.Item1 != stamp.Item1 || _stamp.Item2 != stamp.Item2 || !ReferenceEquals(_stamp.Item3, stamp.Item3))
            {
                _stamp = stamp;
                _cache = new ConcurrentDictionary<int, Readiness>();
            }

            return _cache;
        }
    }
}
