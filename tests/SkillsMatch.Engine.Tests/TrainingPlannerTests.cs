using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Engine.Training;

namespace SkillsMatch.Engine.Tests;

[Collection(ReferenceDataCollection.Name)]
public sealed class TrainingPlannerTests(ReferenceDataFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly string[] Places = ["07339005", "07339030", "07339042", "06439001"];
    private static readonly string[] CertificateCodes = ["FORKLIFT", "LIC-CE", "IFSG-43"];
    private readonly ReferenceData _reference = fixture.Reference;

    [Fact]
    public void Client_lacking_a_forklift_licence_gets_a_short_course_that_ends_before_the_start()
    {
        var forklift = new CourseOffer(1, "Staplerschein kompakt", "Bildungswerk", 1, 40, 490, false, "07339005",
            [new SkillLevel(Skill(0), 2)], ["FORKLIFT"], [], [], [], [], [new Cohort(Today.AddDays(14), 12, 3), new Cohort(Today.AddDays(42), 12, 12)]);
        var planner = Planner([forklift]);
        var client = Client(skills: [], certificates: []);
        var need = Need(must: [new SkillLevel(Skill(0), 2)], certificates: ["FORKLIFT"], start: Today.AddDays(60));

        var plan = planner.Plan(client, need, Today, Language.German);

        Assert.True(plan.ReadyInTime);
        var step = Assert.Single(plan.Steps);
        Assert.Equal(Today.AddDays(14), step.Start);
        Assert.Equal(Today.AddDays(20), plan.ReadyBy);
        Assert.Equal(2, step.Closes.Count);
        Assert.Contains(plan.Explanation, s => s.StartsWith("Bereit bis", StringComparison.Ordinal));
    }

    [Fact]
    public void Gap_that_no_course_covers_is_named_as_such()
    {
        var planner = Planner([]);
        var plan = planner.Plan(Client([], []), Need([new SkillLevel(Skill(1), 2)], [], Today.AddDays(30)), Today, Language.English);
        Assert.False(plan.ReadyInTime);
        Assert.Single(plan.Uncovered);
        Assert.Contains(plan.Explanation, s => s.StartsWith("No catalogue course for:", StringComparison.Ordinal));
    }

    [Fact]
    public void Course_needing_another_first_is_taken_after_it()
    {
        var b = new CourseOffer(1, "Führerschein B", "Fahrschule", 4, 20, 1500, false, "07339030", [], ["LIC-B"], [], [], [], [], [new Cohort(Today.AddDays(7), 10, 0)]);
        var ce = new CourseOffer(2, "Führerschein CE", "Fahrschule", 8, 35, 6000, false, "07339030", [], ["LIC-CE"], [], [], ["LIC-B"], [], [new Cohort(Today.AddDays(14), 10, 0), new Cohort(Today.AddDays(49), 10, 0)]);
        var plan = Planner([ce, b]).Plan(Client([], []), Need([], ["LIC-CE"], Today.AddDays(200)), Today, Language.German);

        Assert.True(plan.ReadyInTime);
        Assert.Equal([1, 2], plan.Steps.Select(s => s.CourseId));
        Assert.True(plan.Steps[1].Start > plan.Steps[0].End);
        Assert.Equal(Today.AddDays(49), plan.Steps[1].Start);
    }

    [Fact]
    public void Plans_never_end_late_never_overbook_cover_what_they_claim_and_respect_prerequisites()
    {
        var random = new Random(17);
        for (var run = 0; run < 300; run++)
        {
            var catalogue = RandomCatalogue(random, withPrerequisites: true);
            var planner = Planner(catalogue);
            var client = RandomClient(random);
            var need = RandomNeed(random);

            var plan = planner.Plan(client, need, Today, Language.German);

            CheckPlan(plan, catalogue, client, need);
        }
    }

    [Fact]
    public void Plan_is_the_soonest_then_cheapest_of_all_feasible_sequences()
    {
        var random = new Random(23);
        for (var run = 0; run < 150; run++)
        {
            var catalogue = RandomCatalogue(random, withPrerequisites: false);
            var planner = Planner(catalogue);
            var client = RandomClient(random);
            var need = RandomNeed(random);

            var plan = planner.Plan(client, need, Today, Language.German);
            var best = BruteForce(planner, catalogue, client, need);

            Assert.Equal(best.Closed, plan.Gap.Count - plan.Uncovered.Count - plan.NotInTime.Count);
            if (plan.Steps.Count > 0)
            {
                Assert.Equal(best.End, plan.ReadyBy);
                Assert.Equal(best.Cost, plan.CostEuros);
            }
        }
    }

    private void CheckPlan(TrainingPlan plan, IReadOnlyList<CourseOffer> catalogue, ClientProfile client, NeedProfile need)
    {
        var skills = client.Skills.ToDictionary(s => s.SkillId, s => s.Level);
        var certificates = client.Certificates.ToHashSet();
        var languages = client.Languages.ToDictionary(l => l.Code, l => l.Level);
        var previousEnd = Today;
        var travel = new TravelTimes(_reference.Regions);
        foreach (var step in plan.Steps)
        {
            var course = catalogue.Single(c => c.Id == step.CourseId);
            var cohort = course.Cohorts.Single(c => c.Start == step.Start);
            Assert.True(cohort.FreeSeats >= 1, "a plan only takes a free seat");
            Assert.True(step.Start > previousEnd, "courses follow one another, after today");
            Assert.True(step.End < need.PeriodStart, "a plan ends before the need starts");
            Assert.True(course.HoursPerWeek <= client.HoursPerWeek, "within the client's hours");
            Assert.True(course.Remote || travel.Minutes(travel.IndexOf(client.HomeMunicipalityAgs), travel.IndexOf(course.MunicipalityAgs!), client.HasCar) <= client.MaxCommuteMinutes, "within the client's commute");
            Assert.True(course.PrerequisiteSkills.All(p => skills.GetValueOrDefault(p.SkillId) >= p.Level), "prerequisite skills met");
            Assert.True(course.PrerequisiteCertificates.All(certificates.Contains), "prerequisite certificates met");
            Assert.True(course.PrerequisiteLanguages.All(p => languages.GetValueOrDefault(p.Code) >= p.Level), "prerequisite languages met");
            foreach (var s in course.SkillsTaught)
            {
                skills[s.SkillId] = Math.Max(skills.GetValueOrDefault(s.SkillId), s.Level);
            }

            certificates.UnionWith(course.CertificatesAwarded);
            foreach (var l in course.LanguagesTaught)
            {
                languages[l.Code] = Math.Max(languages.GetValueOrDefault(l.Code), l.Level);
            }

            Assert.All(step.Closes, item => Assert.True(Holds(item, skills, certificates, languages), $"step claims to close {item}"));
            previousEnd = step.End;
        }

        Assert.Equal(plan.Gap.Count, Accounted(plan));
        foreach (var item in plan.Gap.Except(plan.Uncovered).Except(plan.NotInTime))
        {
            Assert.True(Holds(item, skills, certificates, languages), $"claimed covered: {item}");
        }

        Assert.Equal(plan.Steps.Count > 0 ? plan.Steps[^1].End : Today, plan.ReadyBy);
        Assert.Equal(plan.Steps.Sum(s => s.CostEuros), plan.CostEuros);
    }

    private static int Accounted(TrainingPlan plan) =>
        plan.Gap.Count(g => plan.Uncovered.Contains(g)) + plan.Gap.Count(g => plan.NotInTime.Contains(g)) + plan.Steps.Sum(s => s.Closes.Count);

    private static bool Holds(GapItem item, Dictionary<string, int> skills, HashSet<string> certificates, Dictionary<string, int> languages) => item.Kind switch
    {
        GapKind.Skill => skills.GetValueOrDefault(item.Id) >= item.Required,
        GapKind.Certificate => certificates.Contains(item.Id),
        _ => languages.GetValueOrDefault(item.Id) >= item.Required,
    };

    /// <summary>Every sequence of up to three (course, cohort) pairs, checked the slow way.</summary>
    private (int Closed, DateOnly End, decimal Cost) BruteForce(TrainingPlanner planner, IReadOnlyList<CourseOffer> catalogue, ClientProfile client, NeedProfile need)
    {
        var gap = planner.Gap(client, need, Language.German);
        var travel = new TravelTimes(_reference.Regions);
        var options = catalogue
            .Where(c => c.HoursPerWeek <= client.HoursPerWeek
                && (c.Remote || travel.Minutes(travel.IndexOf(client.HomeMunicipalityAgs), travel.IndexOf(c.MunicipalityAgs!), client.HasCar) <= client.MaxCommuteMinutes))
            .SelectMany(c => c.Cohorts.Where(k => k.FreeSeats > 0 && k.Start > Today && k.Start >= client.AvailableFrom && CourseOffer.EndOf(k.Start, c.DurationWeeks) < need.PeriodStart).Select(k => (Course: c, Cohort: k)))
            .ToList();
        var best = (Closed: 0, End: DateOnly.MinValue, Cost: 0m);
        void Visit(List<(CourseOffer Course, Cohort Cohort)> sequence)
        {
            if (sequence.Count > 0)
            {
                var closed = gap.Count(g => sequence.Any(s => TrainingPlanner.Teaches(s.Course, g)));
                var end = CourseOffer.EndOf(sequence[^1].Cohort.Start, sequence[^1].Course.DurationWeeks);
                var cost = sequence.Sum(s => s.Course.CostEuros);
                var useful = sequence.All(s => gap.Any(g => TrainingPlanner.Teaches(s.Course, g)));
                if (useful && (closed > best.Closed || (closed == best.Closed && (end < best.End || (end == best.End && cost < best.Cost)))))
                {
                    best = (closed, end, cost);
                }
            }

            if (sequence.Count == 3)
            {
                return;
            }

            foreach (var option in options)
            {
                var free = sequence.Count == 0 ? Today : CourseOffer.EndOf(sequence[^1].Cohort.Start, sequence[^1].Course.DurationWeeks);
                if (option.Cohort.Start > free && sequence.All(s => s.Course.Id != option.Course.Id))
                {
                    Visit([.. sequence, option]);
                }
            }
        }

        Visit([]);
        return best;
    }

    private TrainingPlanner Planner(IReadOnlyList<CourseOffer> catalogue) => new(_reference, new TravelTimes(_reference.Regions), catalogue);

    private string Skill(int i) => _reference.Taxonomy.FindOccupation("bea705fe-06ac-4147-b8e0-6e8ac1208d8f")!.EssentialSkills
        .Select(s => _reference.Taxonomy.Skills[s].Id).ElementAt(i);

    private static ClientProfile Client(List<SkillLevel> skills, List<string> certificates) =>
        new(1, skills, certificates, [new LanguageLevel("de", 3)], [], Today, 40, true, true, 60, "07339030");

    private static NeedProfile Need(List<SkillLevel> must, List<string> certificates, DateOnly start) =>
        new(1, null, must, [], certificates, [], start, 40, "07339030", null);

    private List<CourseOffer> RandomCatalogue(Random random, bool withPrerequisites)
    {
        var courses = new List<CourseOffer>();
        for (var id = 1; id <= random.Next(0, 7); id++)
        {
            var cohorts = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => new Cohort(Today.AddDays(random.Next(-10, 120)), random.Next(1, 10), random.Next(0, 10)))
                .Select(k => k with { SeatsTaken = Math.Min(k.SeatsTaken, k.Capacity) })
                .ToList();
            var teachesSkill = random.NextDouble() < 0.7;
            courses.Add(new CourseOffer(
                id, $"Kurs {id}", "Träger", random.Next(1, 9), random.Next(10, 41), random.Next(100, 3000), random.NextDouble() < 0.2, Places[random.Next(Places.Length)],
                teachesSkill ? [new SkillLevel(Skill(random.Next(0, 4)), random.Next(1, 5))] : [],
                random.NextDouble() < 0.4 ? [CertificateCodes[random.Next(CertificateCodes.Length)]] : [],
                random.NextDouble() < 0.2 ? [new LanguageLevel("de", random.Next(2, 6))] : [],
                withPrerequisites && random.NextDouble() < 0.3 ? [new SkillLevel(Skill(random.Next(0, 4)), 1)] : [],
                withPrerequisites && random.NextDouble() < 0.2 ? [CertificateCodes[random.Next(CertificateCodes.Length)]] : [],
                withPrerequisites && random.NextDouble() < 0.2 ? [new LanguageLevel("de", random.Next(1, 4))] : [],
                cohorts));
        }

        return courses;
    }

    private ClientProfile RandomClient(Random random) => new(
        1,
        [.. Enumerable.Range(0, 4).Where(_ => random.NextDouble() < 0.3).Select(i => new SkillLevel(Skill(i), random.Next(1, 4)))],
        [.. CertificateCodes.Where(_ => random.NextDouble() < 0.2)],
        [new LanguageLevel("de", random.Next(1, 6))],
        [],
        Today.AddDays(random.Next(-5, 30)),
        random.Next(15, 41),
        true,
        random.NextDouble() < 0.6,
        random.Next(20, 90),
        Places[random.Next(Places.Length)]);

    private NeedProfile RandomNeed(Random random) => new(
        1,
        null,
        [.. Enumerable.Range(0, 4).Where(_ => random.NextDouble() < 0.5).Select(i => new SkillLevel(Skill(i), random.Next(1, 4)))],
        [],
        [.. CertificateCodes.Where(_ => random.NextDouble() < 0.3)],
        random.NextDouble() < 0.4 ? [new LanguageLevel("de", random.Next(2, 5))] : [],
        Today.AddDays(random.Next(10, 150)),
        30,
        Places[random.Next(Places.Length)],
        null);
}
