using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Engine.Training;
using SkillsMatch.Samples;
using SkillsMatch.Server.Features.Samples;
using Xunit.Abstractions;

namespace SkillsMatch.Server.Tests;

/// <summary>
/// How far training-aware matching reaches on the committed samples, computed from the raw CSV
/// rows with the engine alone (no server, no database): the figures docs/training.md records.
/// </summary>
public sealed class TrainingReachTests(SkillsMatchFactory factory, ITestOutputHelper output) : IClassFixture<SkillsMatchFactory>
{
    private const int CandidatesPerNeed = 50;

    [Fact]
    public void Reach_of_training_aware_matching_on_the_sample_catalogue()
    {
        var reference = factory.Services.GetRequiredService<ReferenceData>();
        var folder = SampleFiles.Locate(null);
        var today = SampleGenerator.DefaultAsOf;
        var clients = SampleFiles.Read<ClientRow>(Path.Combine(folder, SampleFiles.Clients)).Select(r => r.Row).ToList();
        var needs = SampleFiles.Read<NeedRow>(Path.Combine(folder, SampleFiles.Needs)).Select(r => r.Row).Where(n => n.Status == "Open").ToList();
        var courses = SampleFiles.Read<CourseRow>(Path.Combine(folder, SampleFiles.Courses)).Select(r => r.Row).ToList();

        var index = CandidateIndex.Build(reference, clients.Select(c => c.ToProfile()));
        var planner = new TrainingPlanner(reference, index.Travel, [.. courses.Select(c => c.ToOffer())]);
        var matcher = new Matcher(index, new MatchingOptions(), planner);

        // A need counts when its demand (the gap of someone holding nothing) has an item a course
        // teaches and it starts after today; it is reached when a candidate has a plan of at least
        // one course that makes them ready in time.
        var trainable = 0;
        var reached = 0;
        var weeks = new List<int>();
        var costs = new List<decimal>();
        var pooled = new List<NeedCandidates>();
        foreach (var row in needs)
        {
            var need = row.ToProfile();
            var demand = planner.Gap(Nobody(need), need, Language.German);
            if (need.PeriodStart <= today || !demand.Any(planner.Coverable))
            {
                continue;
            }

            trainable++;
            var candidates = matcher.CandidatesFor(need, CandidatesPerNeed, today, Language.German);
            pooled.Add(new NeedCandidates(need, row.EmployerId, candidates));
            var trained = candidates.Where(c => c.Plan is { ReadyInTime: true, Steps.Count: > 0 }).ToList();
            if (trained.Count > 0)
            {
                reached++;
                weeks.AddRange(trained.Select(c => c.Plan!.TrainingWeeks));
                costs.AddRange(trained.Select(c => c.Plan!.CostEuros));
            }
        }

        var report = Pooling.Build(pooled, planner, minEmployers: 2);
        var groups = report.GroupCourses.Count(g => g.ClientsReadyInTime >= 3);
        var share = trainable == 0 ? 0 : (double)reached / trainable;
        output.WriteLine(FormattableString.Invariant($"open needs {needs.Count}, trainable (start after today, a course teaches part of the demand) {trainable}, reached {reached} ({share:P1})"));
        output.WriteLine($"plan weeks: {Distribution(weeks.Select(w => (decimal)w).ToList())}");
        output.WriteLine($"plan cost €: {Distribution(costs)}");
        output.WriteLine($"group courses (≥ 2 employers, ≥ 3 clients ready in time): {groups} of {report.GroupCourses.Count}; to commission: {report.ToCommission.Count}");

        // The measured floor on the committed samples (docs/training.md: 460 of 1,146 needs, 40.1 %;
        // the catalogue before issue 14 reached 123, 10.7 %), above the goal of 25 %.
        Assert.True(share >= 0.40, FormattableString.Invariant($"reach {share:P1}"));
        Assert.True(groups >= 400, $"{groups} group courses");

        // The commissioning list holds only what no catalogue course teaches.
        Assert.All(report.ToCommission, item => Assert.False(planner.Coverable(new GapItem(item.Kind, item.Id, item.Label, 4, 0)) && item.Kind != GapKind.Language));
    }

    private static ClientProfile Nobody(NeedProfile need) => new(0, [], [], [], [], need.PeriodStart, 40, false, false, 0, need.MunicipalityAgs);

    private static string Distribution(List<decimal> values)
    {
        if (values.Count == 0)
        {
            return "none";
        }

        values.Sort();
        decimal At(double q) => values[(int)Math.Min(values.Count - 1, Math.Floor(q * values.Count))];
        return string.Create(CultureInfo.InvariantCulture, $"n={values.Count}, min {values[0]}, p25 {At(0.25)}, median {At(0.5)}, p75 {At(0.75)}, p90 {At(0.9)}, max {values[^1]}");
    }
}
