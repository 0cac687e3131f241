using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Engine.Training;

namespace SkillsMatch.Engine.Tests;

/// <summary>Module series (Teilqualifizierung), weekly hours and care duties, familiarisation on the job.</summary>
[Collection(ReferenceDataCollection.Name)]
public sealed class TrainingPlannerInstrumentTests(ReferenceDataFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 2);
    private readonly ReferenceData _reference = fixture.Reference;

    [Fact]
    public void A_later_module_of_a_series_is_preceded_by_the_modules_it_requires_in_order()
    {
        // TQ1 (basics) ← TQ2 ← TQ3; only TQ3 teaches what the need asks for.
        var tq1 = Module(1, 1, [], Skill(0), Today.AddDays(7), Today.AddDays(100));
        var tq2 = Module(2, 2, [1], Skill(1), Today.AddDays(7), Today.AddDays(70), Today.AddDays(160));
        var tq3 = Module(3, 3, [2], Skill(2), Today.AddDays(14), Today.AddDays(140), Today.AddDays(250));
        var plan = Planner([tq3, tq2, tq1]).Plan(Client(40), Need([Skill(2)], Today.AddDays(400)), Today, Language.German);

        Assert.True(plan.ReadyInTime);
        Assert.Equal([1, 2, 3], plan.Steps.Select(s => s.CourseId));
        for (var i = 1; i < plan.Steps.Count; i++)
        {
            Assert.True(plan.Steps[i].Start > plan.Steps[i - 1].End);
        }

        Assert.Equal([Today.AddDays(7), Today.AddDays(70), Today.AddDays(140)], plan.Steps.Select(s => s.Start));
        Assert.Equal(3 * 1800m, plan.CostEuros);
        Assert.Equal(["Bildungsgutschein"], plan.Funding);
        Assert.Contains(plan.Explanation, s => s.StartsWith("Kosten 5.400 € (Bildungsgutschein)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_module_whose_required_modules_cannot_be_done_in_time_is_not_planned()
    {
        var tq1 = Module(1, 1, [], Skill(0), Today.AddDays(60));
        var tq2 = Module(2, 2, [1], Skill(1), Today.AddDays(7));
        var plan = Planner([tq1, tq2]).Plan(Client(40), Need([Skill(1)], Today.AddDays(100)), Today, Language.German);

        Assert.False(plan.ReadyInTime);
        Assert.Empty(plan.Steps);
        Assert.Single(plan.NotInTime);
    }

    [Fact]
    public void A_part_time_client_gets_only_cohorts_within_their_hours_or_is_told_none_fits()
    {
        var fullTime = Course(1, Skill(0), hours: 40, childcare: false, Today.AddDays(7));
        var partTime = Course(2, Skill(0), hours: 20, childcare: true, Today.AddDays(30));
        var need = Need([Skill(0)], Today.AddDays(200));

        var both = Planner([fullTime, partTime]);
        Assert.Equal([1], both.Plan(Client(40), need, Today, Language.German).Steps.Select(s => s.CourseId));
        var partTimePlan = both.Plan(Client(20), need, Today, Language.German);
        Assert.Equal([2], partTimePlan.Steps.Select(s => s.CourseId));
        Assert.All(partTimePlan.Steps, s => Assert.True(s.Start >= Today.AddDays(30)));

        var onlyFullTime = Planner([fullTime]).Plan(Client(20), need, Today, Language.German);
        Assert.Empty(onlyFullTime.Steps);
        Assert.Single(onlyFullTime.NoCohortFits);
        Assert.Contains(onlyFullTime.Explanation, s => s.StartsWith("Kein Kurstermin passt zu 20 Std./Woche", StringComparison.Ordinal));
    }

    [Fact]
    public void A_client_with_care_duties_gets_only_childcare_compatible_or_online_cohorts()
    {
        var mornings = Course(1, Skill(0), hours: 25, childcare: true, Today.AddDays(40));
        var afternoons = Course(2, Skill(0), hours: 25, childcare: false, Today.AddDays(7));
        var need = Need([Skill(0)], Today.AddDays(200));
        var planner = Planner([mornings, afternoons]);

        Assert.Equal([2], planner.Plan(Client(30), need, Today, Language.German).Steps.Select(s => s.CourseId));
        var carer = Client(30) with { CareDuties = true };
        Assert.Equal([1], planner.Plan(carer, need, Today, Language.German).Steps.Select(s => s.CourseId));

        var noneFits = Planner([afternoons]).Plan(carer, need, Today, Language.English);
        Assert.Empty(noneFits.Steps);
        Assert.Contains(noneFits.Explanation, s => s.StartsWith("No cohort fits 30 hours a week and care hours", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gap_the_employer_teaches_on_the_job_needs_no_course()
    {
        var course = Course(1, Skill(1), hours: 40, childcare: false, Today.AddDays(7));
        var need = Need([Skill(0), Skill(1)], Today.AddDays(100)) with { OnTheJob = [new OnTheJob(Skill(0), 3)] };

        var plan = Planner([course]).Plan(Client(40), need, Today, Language.German);

        Assert.True(plan.ReadyInTime);
        Assert.Equal(2, plan.Gap.Count);
        Assert.Equal(Skill(0), Assert.Single(plan.OnTheJob).Id);
        Assert.Equal(3, plan.FamiliarisationWeeks);
        Assert.Equal(Skill(1), Assert.Single(Assert.Single(plan.Steps).Closes).Id);
        Assert.Contains(plan.Explanation, s => s.StartsWith("Einarbeitung im Betrieb (3 Wo.)", StringComparison.Ordinal));

        // Without the employer's familiarisation, nothing closes the first skill.
        Assert.Single(Planner([course]).Plan(Client(40), need with { OnTheJob = [] }, Today, Language.German).Uncovered);
    }

    [Fact]
    public void Over_random_module_series_plans_end_in_time_and_take_required_modules_first_in_order()
    {
        var random = new Random(14);
        var chains = 0;
        for (var run = 0; run < 200; run++)
        {
            // One series of 3–5 modules, some offered twice, each module requiring module 1 or its predecessor.
            var catalogue = new List<CourseOffer>();
            var modules = random.Next(3, 6);
            var chained = random.NextDouble() < 0.5;
            for (var m = 1; m <= modules; m++)
            {
                for (var offer = 0; offer < random.Next(1, 3); offer++)
                {
                    var starts = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Today.AddDays(random.Next(1, 250))).Distinct().ToArray();
                    var hours = random.NextDouble() < 0.3 ? 20 : 35;
                    catalogue.Add(Module(catalogue.Count + 1, m, m == 1 ? [] : [chained ? m - 1 : 1], Skill(m - 1), starts) with
                    {
                        HoursPerWeek = hours,
                        ChildcareCompatible = hours == 20,
                        DurationWeeks = random.Next(2, 10),
                    });
                }
            }

            var client = Client(random.NextDouble() < 0.5 ? 20 : 40) with { CareDuties = random.NextDouble() < 0.3 };
            var need = Need([.. Enumerable.Range(0, modules).Where(_ => random.NextDouble() < 0.4).Select(Skill)], Today.AddDays(random.Next(30, 400)));

            var plan = Planner(catalogue).Plan(client, need, Today, Language.German);

            var byId = catalogue.ToDictionary(c => c.Id);
            var done = new HashSet<int>();
            var free = Today;
            foreach (var step in plan.Steps)
            {
                var course = byId[step.CourseId];
                Assert.True(step.Start > free, $"run {run}: step starts before the previous one ends");
                Assert.True(step.End < need.PeriodStart, $"run {run}: plan ends after the need starts");
                Assert.True(TrainingPlanner.Attendable(course, client), $"run {run}: cohort the client cannot attend");
                Assert.All(course.RequiresModules, m => Assert.Contains(m, done));
                done.Add(course.Module);
                free = step.End;
            }

            chains += plan.Steps.Any(s => byId[s.CourseId].RequiresModules.Count > 0) ? 1 : 0;
        }

        // The runs exercise what they check: plans that take a module after the ones it requires.
        Assert.True(chains >= 20, $"{chains} plans with required modules");
    }

    private static CourseOffer Module(int id, int module, int[] requires, string skill, params DateOnly[] starts) =>
        new(id, $"TQ Fachlagerist Modul {module}", "Bildungswerk", 8, 35, 1800, false, "07339030", [new SkillLevel(skill, 3)], [], [], [], [], [],
            [.. starts.Select(s => new Cohort(s, 12, 0))])
        {
            SeriesId = "TQ-FACHLAGERIST",
            Module = module,
            RequiresModules = requires,
            Funding = "Bildungsgutschein",
        };

    private static CourseOffer Course(int id, string skill, int hours, bool childcare, DateOnly start) =>
        new(id, $"Kurs {id}", "Bildungswerk", 4, hours, 900, false, "07339030", [new SkillLevel(skill, 3)], [], [], [], [], [], [new Cohort(start, 12, 0)])
        {
            ChildcareCompatible = childcare,
            Funding = "AVGS",
        };

    private TrainingPlanner Planner(IReadOnlyList<CourseOffer> catalogue) => new(_reference, new TravelTimes(_reference.Regions), catalogue);

    private string Skill(int i) => _reference.Taxonomy.FindOccupation("bea705fe-06ac-4147-b8e0-6e8ac1208d8f")!.EssentialSkills
        .Select(s => _reference.Taxonomy.Skills[s].Id).ElementAt(i);

    private static ClientProfile Client(int hours) =>
        new(1, [], [], [new LanguageLevel("de", 4)], [], Today, hours, true, true, 60, "07339030");

    private static NeedProfile Need(string[] must, DateOnly start) =>
        new(1, null, [.. must.Select(s => new SkillLevel(s, 3))], [], [], [], start, 40, "07339030", null);
}
