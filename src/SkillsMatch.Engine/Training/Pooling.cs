using SkillsMatch.Engine.Matching;

namespace SkillsMatch.Engine.Training;

/// <summary>A course several employers' needs call for: one group run would serve them.</summary>
public sealed record GroupCourseProposal(
    int CourseId,
    string CourseTitle,
    string Provider,
    DateOnly CohortStart,
    int FreeSeats,
    IReadOnlyList<int> NeedIds,
    IReadOnlyList<int> EmployerIds,
    int ClientsReadyInTime,
    IReadOnlyList<string> Closes);

/// <summary>A demanded skill, certificate or language level that no catalogue course teaches: to be commissioned.</summary>
public sealed record CommissioningItem(GapKind Kind, string Id, string Label, int Needs, int Employers, int ClientsAffected)
{
    /// <summary>The needs that demand it, in id order (for reports that name their employers and forum rounds).</summary>
    public IReadOnlyList<int> NeedIds { get; init; } = [];
}

public sealed record PoolingReport(IReadOnlyList<GroupCourseProposal> GroupCourses, IReadOnlyList<CommissioningItem> ToCommission);

/// <summary>One need with its employer and the training-aware candidates ranked for it.</summary>
public sealed record NeedCandidates(NeedProfile Need, int EmployerId, IReadOnlyList<RankedCandidate> Candidates);

/// <summary>
/// Across the needs of a forum round (or a region and period): which course cohorts would serve
/// several employers at once, how many clients could take them and be ready in time (never more
/// than the cohort's free seats), and which demanded abilities no course teaches.
/// </summary>
public static class Pooling
{
    public static PoolingReport Build(IReadOnlyList<NeedCandidates> needs, TrainingPlanner planner, int minEmployers = 2)
    {
        var byCohort = new Dictionary<(int Course, DateOnly Start), (HashSet<int> Needs, HashSet<int> Employers, HashSet<int> Clients, HashSet<string> Closes)>();
        foreach (var entry in needs)
        {
            foreach (var candidate in entry.Candidates.Where(c => c.Plan is { ReadyInTime: true }))
            {
                var steps = candidate.Plan!.Steps;
                for (var i = 0; i < steps.Count; i++)
                {
                    var step = steps[i];
                    var key = (step.CourseId, step.Start);
                    if (!byCohort.TryGetValue(key, out var group))
                    {
                        byCohort[key] = group = ([], [], [], []);
                    }

                    group.Needs.Add(entry.Need.Id);
                    group.Employers.Add(entry.EmployerId);
                    group.Clients.Add(candidate.ClientId);
                    // A required module (TQ module 1) closes nothing itself: it counts for what the later steps close.
                    group.Closes.UnionWith((step.Closes.Count > 0 ? step.Closes : steps.Skip(i + 1).SelectMany(s => s.Closes)).Select(c => c.Label));
                }
            }
        }

        var courses = planner.Catalogue.ToDictionary(c => c.Id);
        var proposals = byCohort
            .Where(p => p.Value.Employers.Count >= minEmployers)
            .Select(p =>
            {
                var course = courses[p.Key.Course];
                var seats = course.Cohorts.Where(k => k.Start == p.Key.Start).Sum(k => k.FreeSeats);
                return new GroupCourseProposal(
                    course.Id, course.Title, course.Provider, p.Key.Start, seats,
                    [.. p.Value.Needs.Order()], [.. p.Value.Employers.Order()],
                    Math.Min(seats, p.Value.Clients.Count),
                    [.. p.Value.Closes.Order(StringComparer.Ordinal)]);
            })
            .OrderByDescending(p => p.EmployerIds.Count)
            .ThenByDescending(p => p.ClientsReadyInTime)
            .ThenBy(p => p.CohortStart)
            .ThenBy(p => p.CourseId) // a total order: equal rows must not come out in the order the needs were read in
            .ToList();

        // Demanded abilities no catalogue course teaches, from the needs themselves.
        var commission = new Dictionary<(GapKind, string), (string Label, HashSet<int> Needs, HashSet<int> Employers, HashSet<int> Clients)>();
        foreach (var entry in needs)
        {
            var demanded = planner.Gap(EmptyClient(entry.Need), entry.Need, Taxonomy.Language.German);
            foreach (var item in demanded.Where(g => !planner.Coverable(g)))
            {
                var key = (item.Kind, item.Id);
                if (!commission.TryGetValue(key, out var row))
                {
                    commission[key] = row = (item.Label, [], [], []);
                }

                row.Needs.Add(entry.Need.Id);
                row.Employers.Add(entry.EmployerId);
                foreach (var candidate in entry.Candidates.Where(c => c.Plan?.Uncovered.Any(u => u.Kind == item.Kind && u.Id == item.Id) == true))
                {
                    row.Clients.Add(candidate.ClientId);
                }
            }
        }

        var toCommission = commission
            .Select(p => new CommissioningItem(p.Key.Item1, p.Key.Item2, p.Value.Label, p.Value.Needs.Count, p.Value.Employers.Count, p.Value.Clients.Count) { NeedIds = [.. p.Value.Needs.Order()] })
            .OrderByDescending(c => c.Employers)
            .ThenByDescending(c => c.Needs)
            .ThenBy(c => c.Label, StringComparer.Ordinal)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        return new PoolingReport(proposals, toCommission);
    }

    /// <summary>Someone with nothing: the gap is then everything the need demands.</summary>
    private static ClientProfile EmptyClient(NeedProfile need) =>
        new(0, [], [], [], [], need.PeriodStart, 40, false, false, 0, need.MunicipalityAgs);
}
