using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Tests;

[Collection(ReferenceDataCollection.Name)]
public sealed class MatchingTests(ReferenceDataFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 2);
    private readonly ReferenceData _reference = fixture.Reference;

    [Fact]
    public void Hard_constraints_are_never_violated()
    {
        var random = new Random(11);
        var profiles = Enumerable.Range(1, 600).Select(id => RandomProfile(random, id)).ToList();
        var index = CandidateIndex.Build(_reference, profiles);
        var matcher = new Matcher(index);
        var byId = profiles.ToDictionary(p => p.Id);
        var travel = new TravelTimes(_reference.Regions);

        for (var n = 0; n < 40; n++)
        {
            var need = RandomNeed(random, n);
            var ranked = matcher.CandidatesFor(need, 600, Today, Language.German);
            foreach (var candidate in ranked)
            {
                var client = byId[candidate.ClientId];
                var minutes = travel.Minutes(travel.IndexOf(client.HomeMunicipalityAgs), travel.IndexOf(need.MunicipalityAgs), client.DrivingLicence && client.HasCar);
                Assert.True(minutes <= client.MaxCommuteMinutes, "commute over the client's limit");
                Assert.True(need.MaxCommuteMinutes is null || minutes <= need.MaxCommuteMinutes, "commute over the need's limit");
                Assert.All(need.Certificates, c => Assert.Contains(c, client.Certificates));
                Assert.All(need.Languages, l => Assert.True(client.Languages.Any(k => k.Code == l.Code && k.Level >= l.Level), "language level"));
                Assert.True(client.HoursPerWeek >= need.HoursPerWeek * 0.75, "hours");
                Assert.True(client.AvailableFrom <= (need.PeriodStart > Today ? need.PeriodStart : Today), "availability");
                Assert.Equal(minutes, candidate.Features.CommuteMinutes);
            }
        }
    }

    [Fact]
    public void A_learned_correction_is_explained_only_where_it_moves_the_fit_by_a_visible_point()
    {
        var random = new Random(31);
        var profiles = Enumerable.Range(1, 600).Select(id => RandomProfile(random, id)).ToList();
        var index = CandidateIndex.Build(_reference, profiles);
        var needs = Enumerable.Range(0, 60).Select(n => RandomNeed(random, n)).ToList();

        // Employers here prefer a short commute far more than the heuristic does: the model learns a correction.
        var heuristic = new Matcher(index);
        var examples = needs.SelectMany(need => heuristic.CandidatesFor(need, 12, Today, Language.German)
                .OrderBy(c => c.Features.CommuteMinutes).ThenBy(c => c.ClientId)
                .Select((c, i) => new Ranking.LabeledExample(need.Id, c.ClientId, Math.Max(0, 3 - i), c.Features.ToArray(), Today)))
            .ToList();
        var (_, ranker) = Ranking.RankerTraining.TrainRanker(examples, "test");
        var learned = new Matcher(index, ranker: ranker);

        int explained = 0, unexplained = 0;
        foreach (var need in needs.Take(30))
        {
            foreach (var row in learned.CandidatesFor(need, 20, Today, Language.German))
            {
                var points = (int)Math.Round(100 * row.Correction, MidpointRounding.AwayFromZero);
                var sentence = row.Explanation.SingleOrDefault(s => s.StartsWith("Vom gelernten Modell", StringComparison.Ordinal));
                if (points == 0)
                {
                    Assert.Null(sentence);
                    unexplained++;
                    continue;
                }

                Assert.NotNull(sentence);
                Assert.Contains(points > 0 ? "höher eingestuft" : "niedriger eingestuft", sentence, StringComparison.Ordinal);
                Assert.Contains(Math.Abs(points) == 1 ? $"({points:+0;-0} Punkt)" : $"({points:+0;-0} Punkte)", sentence, StringComparison.Ordinal);
                explained++;
            }
        }

        Assert.True(explained > 0 && unexplained > 0, $"{explained} rows explained, {unexplained} not");
    }

    [Fact]
    public void Pruned_retrieval_returns_exactly_what_full_retrieval_returns()
    {
        var random = new Random(21);
        var index = CandidateIndex.Build(_reference, Enumerable.Range(1, 3000).Select(id => RandomProfile(random, id)));
        var full = new Matcher(index, new MatchingOptions { PruneCheckPostings = int.MaxValue });
        var pruned = new Matcher(index, new MatchingOptions { PruneCheckPostings = 1, MinRescoreDepth = 8, RescoreFactor = 2 });
        var reference = new Matcher(index, new MatchingOptions { PruneCheckPostings = int.MaxValue, MinRescoreDepth = 8, RescoreFactor = 2 });

        for (var n = 0; n < 40; n++)
        {
            var need = RandomNeed(random, n);
            var expected = reference.CandidatesFor(need, 4, Today, Language.German);
            Assert.Equal(expected.Select(r => (r.ClientId, r.Score)), pruned.CandidatesFor(need, 4, Today, Language.German).Select(r => (r.ClientId, r.Score)));
            Assert.NotEmpty(full.CandidatesFor(need, 4, Today, Language.German));
        }
    }

    [Fact]
    public void Client_with_every_must_have_ranks_above_one_with_none_all_else_equal()
    {
        var need = Need(must: [Skill(0), Skill(1), Skill(2)], nice: [Skill(3)]);
        var everything = Profile(1, [.. need.MustHave, .. need.NiceToHave]);
        var none = Profile(2, [.. need.NiceToHave]);
        var matcher = new Matcher(CandidateIndex.Build(_reference, [none, everything]));

        var ranked = matcher.CandidatesFor(need, 10, Today, Language.German);

        Assert.Equal([1, 2], ranked.Select(r => r.ClientId));
        Assert.Equal(1, ranked[0].Features.MustHaveCoverage);
        Assert.Equal(0, ranked[1].Features.MustHaveCoverage);
        Assert.True(ranked[0].Score > ranked[1].Score);
    }

    [Fact]
    public void Ranking_is_a_permutation_of_the_eligible_set()
    {
        var random = new Random(5);
        var profiles = Enumerable.Range(1, 400).Select(id => RandomProfile(random, id)).ToList();
        var index = CandidateIndex.Build(_reference, profiles);
        var matcher = new Matcher(index);
        var travel = new TravelTimes(_reference.Regions);

        for (var n = 0; n < 25; n++)
        {
            var need = RandomNeed(random, n);
            var ranked = matcher.CandidatesFor(need, 1000, Today, Language.English);
            var expected = profiles.Where(p => Relevant(p, need, index) && Eligible(p, need, travel)).Select(p => p.Id).Order();

            Assert.Equal(expected, ranked.Select(r => r.ClientId).Order());
            Assert.Equal(ranked.Count, ranked.Select(r => r.ClientId).Distinct().Count());
            Assert.Equal(ranked.Select(r => r.Score).OrderDescending(), ranked.Select(r => r.Score));
        }
    }

    [Fact]
    public void Index_updated_by_changes_equals_index_rebuilt_from_scratch()
    {
        var random = new Random(3);
        var current = Enumerable.Range(1, 300).ToDictionary(id => id, id => RandomProfile(random, id));
        var index = CandidateIndex.Build(_reference, current.Values);

        for (var step = 0; step < 500; step++)
        {
            var id = random.Next(1, 360);
            if (random.NextDouble() < 0.25)
            {
                index.Remove(id);
                current.Remove(id);
            }
            else
            {
                var profile = RandomProfile(random, id);
                index.Upsert(profile);
                current[id] = profile;
            }
        }

        var rebuilt = CandidateIndex.Build(_reference, current.Values.OrderBy(p => p.Id));
        Assert.Equal(rebuilt.Count, index.Count);
        Assert.Equal(rebuilt.Describe(), index.Describe());
    }

    [Fact]
    public void Index_derived_with_changes_equals_index_rebuilt_and_leaves_its_source_unchanged()
    {
        var random = new Random(4);
        var current = Enumerable.Range(1, 300).ToDictionary(id => id, id => RandomProfile(random, id));
        var index = CandidateIndex.Build(_reference, current.Values);

        for (var step = 0; step < 60; step++)
        {
            var before = index.Describe();
            var removals = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(1, 360)).ToList();
            var upserts = Enumerable.Range(0, random.Next(0, 6)).Select(_ => RandomProfile(random, random.Next(1, 360))).DistinctBy(p => p.Id).ToList();
            var next = index.With(upserts, removals);

            Assert.Equal(before, index.Describe());
            foreach (var id in removals)
            {
                current.Remove(id);
            }

            foreach (var profile in upserts)
            {
                current[profile.Id] = profile;
            }

            Assert.Equal(CandidateIndex.Build(_reference, current.Values.OrderBy(p => p.Id)).Describe(), next.Describe());
            index = next;
        }
    }

    [Fact]
    public void Needs_looked_up_in_the_need_index_rank_as_a_scan_of_every_need_does()
    {
        var random = new Random(8);
        var profiles = Enumerable.Range(1, 200).Select(id => RandomProfile(random, id)).ToList();
        var index = CandidateIndex.Build(_reference, profiles);
        var needs = Enumerable.Range(1, 150).Select(n => RandomNeed(random, n)).ToList();
        var occupation = _reference.Taxonomy.FindOccupation("bea705fe-06ac-4147-b8e0-6e8ac1208d8f")!;
        needs.Add(Need(must: [new SkillLevel(_reference.Taxonomy.Skills[occupation.EssentialSkills[0]].Id, 1)], nice: []) with { Id = 500, OccupationId = occupation.Id });
        needs.Add(Need(must: [], nice: []) with { Id = 501 });
        index = index.With([Profile(1000, []) with { PastOccupations = [new Experience(occupation.Id, 4)] }], []);
        var matcher = new Matcher(index);
        var needIndex = NeedIndex.Build(index, needs.Take(100)).With(index, needs.Skip(100), [3, 4]);
        var open = needs.Where(n => n.Id is not (3 or 4)).ToList();

        var nonEmpty = 0;
        foreach (var clientId in profiles.Select(p => p.Id).Append(1000))
        {
            var scanned = matcher.NeedsFor(clientId, open, 500, Today, Language.German);
            var looked = matcher.NeedsFor(clientId, needIndex, 500, Today, Language.German);
            Assert.Equal(scanned.Select(r => (r.NeedId, r.Score)), looked.Select(r => (r.NeedId, r.Score)));
            nonEmpty += scanned.Count > 0 ? 1 : 0;
        }

        Assert.True(nonEmpty > 20, $"only {nonEmpty} clients fit any need");
    }

    [Fact]
    public void Change_to_a_profile_shows_in_the_next_match()
    {
        var need = Need(must: [Skill(0)], nice: []);
        var index = CandidateIndex.Build(_reference, [Profile(1, [Skill(5)])]);
        var matcher = new Matcher(index);
        Assert.Empty(matcher.CandidatesFor(need, 10, Today, Language.German));

        index.Upsert(Profile(1, [Skill(0)]));

        Assert.Equal([1], matcher.CandidatesFor(need, 10, Today, Language.German).Select(r => r.ClientId));
    }

    [Fact]
    public void Related_skill_earns_partial_credit_and_is_explained()
    {
        var taxonomy = _reference.Taxonomy;
        var skill = taxonomy.Skills.First(s => s.Kind == SkillKind.Skill && s.RelatedEssential.Length > 0 && s.LabelDe.Length > 0);
        var relatedSkill = taxonomy.Skills[skill.RelatedEssential[0]];
        var need = Need(must: [new SkillLevel(skill.Id, 2)], nice: []);
        var matcher = new Matcher(CandidateIndex.Build(_reference, [Profile(1, [new SkillLevel(relatedSkill.Id, 2)]), Profile(2, [new SkillLevel(skill.Id, 2)])]));

        var ranked = matcher.CandidatesFor(need, 10, Today, Language.German);

        Assert.Equal([2, 1], ranked.Select(r => r.ClientId));
        Assert.Equal(1, ranked[1].Features.RelatedSkillCredit);
        Assert.Contains(ranked[1].Explanation, s => s.StartsWith("Über verwandte Kompetenzen", StringComparison.Ordinal) && s.Contains(relatedSkill.LabelDe, StringComparison.Ordinal));
    }

    [Fact]
    public void Skill_implied_by_past_occupation_earns_credit()
    {
        var occupation = _reference.Taxonomy.FindOccupation("bea705fe-06ac-4147-b8e0-6e8ac1208d8f")!;
        var essential = _reference.Taxonomy.Skills[occupation.EssentialSkills[0]];
        var need = Need(must: [new SkillLevel(essential.Id, 1)], nice: []) with { OccupationId = occupation.Id };
        var experienced = Profile(1, []) with { PastOccupations = [new Experience(occupation.Id, 4)] };
        var matcher = new Matcher(CandidateIndex.Build(_reference, [experienced]));

        var candidate = Assert.Single(matcher.CandidatesFor(need, 10, Today, Language.English));

        Assert.Equal(4, candidate.Features.OccupationExperienceYears);
        Assert.Equal(1, candidate.Features.MustHaveImplied);
        Assert.Equal(0, candidate.Features.RelatedSkillCredit);
        Assert.Contains(candidate.Explanation, s => s.StartsWith("Likely from work experience", StringComparison.Ordinal));
    }

    [Fact]
    public void Explanations_name_matched_and_missing_skills_commute_and_availability_in_both_languages()
    {
        var need = Need(must: [Skill(0), Skill(1)], nice: []);
        var matcher = new Matcher(CandidateIndex.Build(_reference, [Profile(1, [Skill(0)])]));
        var german = Assert.Single(matcher.CandidatesFor(need, 5, Today, Language.German)).Explanation;
        var english = Assert.Single(matcher.CandidatesFor(need, 5, Today, Language.English)).Explanation;
        var first = _reference.Taxonomy.FindSkill(need.MustHave[0].SkillId)!;
        var second = _reference.Taxonomy.FindSkill(need.MustHave[1].SkillId)!;

        Assert.Contains($"Bringt 1 von 2 Muss-Kompetenzen mit: {first.LabelDe}.", german);
        Assert.Contains($"Es fehlt: {second.LabelDe}.", german);
        Assert.Contains(german, s => s.StartsWith("Anfahrt etwa", StringComparison.Ordinal));
        Assert.Contains($"Has 1 of 2 must-have skills: {first.LabelEn}.", english);
        Assert.Contains($"Missing: {second.LabelEn}.", english);
        Assert.Contains("Available now.", english);
    }

    [Fact]
    public void Needs_for_a_client_are_ranked_by_fit()
    {
        var client = Profile(1, [Skill(0), Skill(1)]);
        var matcher = new Matcher(CandidateIndex.Build(_reference, [client]));
        var good = Need(must: [Skill(0), Skill(1)], nice: []) with { Id = 10 };
        var half = Need(must: [Skill(0), Skill(2)], nice: []) with { Id = 11 };
        var none = Need(must: [Skill(3)], nice: []) with { Id = 12 };
        var tooFar = good with { Id = 13, MunicipalityAgs = "06439001", MaxCommuteMinutes = 20 };

        var ranked = matcher.NeedsFor(1, [none, half, good, tooFar], 10, Today, Language.German);

        Assert.Equal([10, 11], ranked.Select(r => r.NeedId));
    }

    [Fact]
    public void Client_who_can_get_a_missing_licence_in_time_is_a_candidate_with_the_plan()
    {
        var need = Need(must: [Skill(0)], nice: []) with { Certificates = ["FORKLIFT"], PeriodStart = Today.AddDays(30) };
        var licensed = Profile(1, [Skill(0)]) with { Certificates = ["FORKLIFT"] };
        var unlicensed = Profile(2, [Skill(0)]);
        var index = CandidateIndex.Build(_reference, [licensed, unlicensed]);
        var course = new Training.CourseOffer(7, "Staplerschein kompakt", "Bildungswerk", 1, 40, 450, true, null,
            [], ["FORKLIFT"], [], [], [], [], [new Training.Cohort(Today.AddDays(7), 10, 2)]);

        var without = new Matcher(index).CandidatesFor(need, 10, Today, Language.German);
        var planner = new Training.TrainingPlanner(_reference, index.Travel, [course]);
        var with = new Matcher(index, training: planner).CandidatesFor(need, 10, Today, Language.German);
        var tooLate = new Matcher(index, training: planner).CandidatesFor(need with { PeriodStart = Today.AddDays(10) }, 10, Today, Language.German);

        Assert.Equal([1], without.Select(c => c.ClientId));
        Assert.Equal([1, 2], with.Select(c => c.ClientId));
        var trained = with[1];
        Assert.NotNull(trained.Plan);
        Assert.True(trained.Plan.ReadyInTime);
        Assert.Equal(Today.AddDays(13), trained.Plan.ReadyBy);
        Assert.Equal(1, trained.Features.TrainingWeeks);
        Assert.Contains(trained.Explanation, s => s.StartsWith("Mit Weiterbildung bereit bis", StringComparison.Ordinal));
        Assert.Equal([1], tooLate.Select(c => c.ClientId));
    }

    [Fact]
    public void Holder_of_a_nice_to_have_certificate_ranks_above_an_otherwise_identical_client_and_is_told_so()
    {
        var need = Need(must: [Skill(0)], nice: [Skill(1)]) with { NiceToHaveCertificates = ["FORKLIFT"], PeriodStart = Today.AddDays(30) };
        var holder = Profile(1, [Skill(0)]) with { Certificates = ["FORKLIFT"] };
        var other = Profile(2, [Skill(0)]);
        var index = CandidateIndex.Build(_reference, [other, holder]);
        var course = new Training.CourseOffer(7, "Staplerschein kompakt", "Bildungswerk", 1, 40, 450, true, null,
            [], ["FORKLIFT"], [], [], [], [], [new Training.Cohort(Today.AddDays(7), 10, 2)]);
        var matcher = new Matcher(index, training: new Training.TrainingPlanner(_reference, index.Travel, [course]));

        var ranked = matcher.CandidatesFor(need, 10, Today, Language.German);
        var english = matcher.CandidatesFor(need, 10, Today, Language.English);

        // Welcome, not required: the client without it stays a candidate and gets no course for it.
        Assert.Equal([1, 2], ranked.Select(r => r.ClientId));
        Assert.Equal(0.5f, ranked[0].Features.NiceToHaveCoverage);
        Assert.Equal(0f, ranked[1].Features.NiceToHaveCoverage);
        Assert.Equal(0f, ranked[1].Features.CertificateGap);
        Assert.True(ranked[0].Features.SkillFit > ranked[1].Features.SkillFit);
        Assert.True(ranked[0].Score > ranked[1].Score);
        Assert.Null(ranked[1].Plan);
        Assert.Contains("Bringt Staplerschein mit (von Vorteil).", ranked[0].Explanation);
        Assert.DoesNotContain(ranked[1].Explanation, s => s.Contains("von Vorteil", StringComparison.Ordinal));
        Assert.Contains("Holds Forklift licence (nice to have).", english.Single(r => r.ClientId == 1).Explanation);
    }

    [Fact]
    public void Training_plan_still_closes_a_required_certificate_beside_a_nice_to_have_one()
    {
        var need = Need(must: [Skill(0)], nice: []) with { Certificates = ["FORKLIFT"], NiceToHaveCertificates = ["LIC-B"], PeriodStart = Today.AddDays(30) };
        var unlicensed = Profile(1, [Skill(0)]);
        var index = CandidateIndex.Build(_reference, [unlicensed]);
        var forklift = new Training.CourseOffer(7, "Staplerschein kompakt", "Bildungswerk", 1, 40, 450, true, null,
            [], ["FORKLIFT"], [], [], [], [], [new Training.Cohort(Today.AddDays(7), 10, 2)]);
        var driving = new Training.CourseOffer(8, "Führerschein B", "Fahrschule", 2, 20, 2500, true, null,
            [], ["LIC-B"], [], [], [], [], [new Training.Cohort(Today.AddDays(7), 10, 2)]);

        var candidate = Assert.Single(new Matcher(index, training: new Training.TrainingPlanner(_reference, index.Travel, [forklift, driving]))
            .CandidatesFor(need, 10, Today, Language.German));

        Assert.NotNull(candidate.Plan);
        Assert.True(candidate.Plan.ReadyInTime);
        var step = Assert.Single(candidate.Plan.Steps);
        Assert.Equal(7, step.CourseId);
        Assert.Equal(0f, candidate.Features.NiceToHaveCoverage);
    }

    [Fact]
    public void Certificate_both_required_and_nice_to_have_counts_as_required_only()
    {
        var need = Need(must: [Skill(0)], nice: []) with { Certificates = ["FORKLIFT"], NiceToHaveCertificates = ["forklift", "LIC-B"] };
        var holder = Profile(1, [Skill(0)]) with { Certificates = ["FORKLIFT", "LIC-B"] };
        var other = Profile(2, [Skill(0)]) with { Certificates = ["LIC-B"] };
        var ranked = new Matcher(CandidateIndex.Build(_reference, [holder, other])).CandidatesFor(need, 10, Today, Language.German);

        var only = Assert.Single(ranked);
        Assert.Equal(1, only.ClientId);
        Assert.Equal(1f, only.Features.NiceToHaveCoverage);
        Assert.Equal(0f, only.Features.CertificateGap);
    }

    [Fact]
    public void Training_weeks_lower_the_score_against_a_ready_candidate()
    {
        var need = Need(must: [Skill(0), Skill(1)], nice: []) with { PeriodStart = Today.AddDays(90) };
        var ready = Profile(1, [Skill(0), Skill(1)]);
        var needsCourse = Profile(2, [Skill(0)]);
        var index = CandidateIndex.Build(_reference, [ready, needsCourse]);
        var course = new Training.CourseOffer(3, "Kurs", "Träger", 4, 30, 900, true, null, [Skill(1, 3)], [], [], [], [], [], [new Training.Cohort(Today.AddDays(10), 10, 0)]);
        var ranked = new Matcher(index, training: new Training.TrainingPlanner(_reference, index.Travel, [course])).CandidatesFor(need, 10, Today, Language.English);

        Assert.Equal([1, 2], ranked.Select(r => r.ClientId));
        Assert.Null(ranked[0].Plan);
        Assert.Equal(0.5f, ranked[1].Features.MustHaveCoverage);
        Assert.Equal(1, ranked[1].Features.MustHaveCoverageWithTraining);
        Assert.Equal(4, ranked[1].Features.TrainingWeeks);
        Assert.Contains(ranked[1].Explanation, s => s.StartsWith("Ready by", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_feature_position_reads_and_writes_the_feature_of_that_name()
    {
        Assert.Equal(14, CandidateFeatures.Count);
        Assert.Equal(CandidateFeatures.Count, CandidateFeatures.Directions.Length);
        Assert.Equal(CandidateFeatures.Count, CandidateFeatures.IsShare.Length);
        for (var i = 0; i < CandidateFeatures.Count; i++)
        {
            var values = new float[CandidateFeatures.Count];
            values[i] = i + 1;
            var features = CandidateFeatures.FromArray(values);
            var property = typeof(CandidateFeatures).GetProperties().Single(p => string.Equals(p.Name, CandidateFeatures.Names[i], StringComparison.OrdinalIgnoreCase));
            Assert.Equal(i + 1f, property.GetValue(features));
            Assert.Equal(values, features.ToArray());
        }
    }

    [Fact]
    public void Protected_attributes_are_neither_profile_members_nor_features()
    {
        string[] protectedWords = ["gender", "sex", "age", "birth", "nationality", "citizenship", "disability", "health", "religion", "ethnic"];
        // Whole words of the camel-case names: "coverage" is not "age".
        var words = typeof(ClientProfile).GetProperties().Select(p => p.Name)
            .Concat(CandidateFeatures.Names)
            .Concat(typeof(CandidateFeatures).GetProperties().Select(p => p.Name))
            .SelectMany(name => System.Text.RegularExpressions.Regex.Split(name, "(?<!^)(?=[A-Z])"))
            .Select(w => w.ToLowerInvariant())
            .ToHashSet();
        Assert.Contains("coverage", words);
        Assert.DoesNotContain(words, protectedWords.Contains);
    }

    private string[] SkillPool() => _reference.Taxonomy.FindOccupation("bea705fe-06ac-4147-b8e0-6e8ac1208d8f")!.EssentialSkills
        .Select(i => _reference.Taxonomy.Skills[i].Id).Take(12).ToArray();

    private SkillLevel Skill(int i, int level = 2) => new(SkillPool()[i], level);

    private static readonly string[] Municipalities = ["07339005", "07339030", "07339039", "07339042", "07315000", "06439001"];
    private static readonly string[] CertificateCodes = ["FORKLIFT", "LIC-B", "FIRST-AID"];

    private ClientProfile RandomProfile(Random random, int id)
    {
        var pool = SkillPool();
        var skills = pool.Where(_ => random.NextDouble() < 0.3).Select(s => new SkillLevel(s, random.Next(1, 5))).ToList();
        var licence = random.NextDouble() < 0.6;
        return new ClientProfile(
            id,
            skills,
            [.. CertificateCodes.Where(_ => random.NextDouble() < 0.4)],
            [new LanguageLevel("de", random.Next(1, 7))],
            random.NextDouble() < 0.3 ? [new Experience("bea705fe-06ac-4147-b8e0-6e8ac1208d8f", random.Next(0, 10))] : [],
            Today.AddDays(random.Next(-30, 120)),
            random.Next(15, 41),
            licence,
            licence && random.NextDouble() < 0.7,
            random.Next(15, 90),
            Municipalities[random.Next(Municipalities.Length)]);
    }

    private NeedProfile RandomNeed(Random random, int id)
    {
        var pool = SkillPool();
        var must = pool.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(s => new SkillLevel(s, random.Next(1, 4))).ToList();
        var nice = pool.Except(must.Select(m => m.SkillId)).OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(s => new SkillLevel(s, 1)).ToList();
        return new NeedProfile(
            id,
            random.NextDouble() < 0.5 ? "bea705fe-06ac-4147-b8e0-6e8ac1208d8f" : null,
            must,
            nice,
            [.. CertificateCodes.Where(_ => random.NextDouble() < 0.2)],
            random.NextDouble() < 0.7 ? [new LanguageLevel("de", random.Next(1, 5))] : [],
            Today.AddDays(random.Next(-20, 90)),
            random.Next(20, 41),
            Municipalities[random.Next(Municipalities.Length)],
            random.NextDouble() < 0.3 ? random.Next(20, 60) : null);
    }

    private static NeedProfile Need(List<SkillLevel> must, List<SkillLevel> nice) =>
        new(1, null, must, nice, [], [], Today.AddDays(14), 30, "07339005", null);

    private static ClientProfile Profile(int id, List<SkillLevel> skills) =>
        new(id, skills, [], [new LanguageLevel("de", 6)], [], Today, 40, true, true, 60, "07339030");

    /// <summary>Retrieval reaches a client through a need skill, a neighbour of one, or experience in the need's occupation.</summary>
    private bool Relevant(ClientProfile client, NeedProfile need, CandidateIndex index)
    {
        var taxonomy = _reference.Taxonomy;
        var held = client.Skills.Select(s => taxonomy.FindSkill(s.SkillId)!.Index).ToHashSet();
        var graph = index.Graph;
        var wanted = need.MustHave.Concat(need.NiceToHave).Select(s => taxonomy.FindSkill(s.SkillId)!.Index).ToList();
        return wanted.Any(held.Contains)
            || wanted.Any(w => graph.Neighbours(w).Any(held.Contains))
            || (need.OccupationId is not null && client.PastOccupations.Any(p => p.OccupationId == need.OccupationId));
    }

    private static bool Eligible(ClientProfile client, NeedProfile need, TravelTimes travel)
    {
        var minutes = travel.Minutes(travel.IndexOf(client.HomeMunicipalityAgs), travel.IndexOf(need.MunicipalityAgs), client.DrivingLicence && client.HasCar);
        return minutes <= client.MaxCommuteMinutes
            && (need.MaxCommuteMinutes is null || minutes <= need.MaxCommuteMinutes)
            && need.Certificates.All(client.Certificates.Contains)
            && need.Languages.All(l => client.Languages.Any(k => k.Code == l.Code && k.Level >= l.Level))
            && client.HoursPerWeek >= need.HoursPerWeek * 0.75
            && client.AvailableFrom <= (need.PeriodStart > Today ? need.PeriodStart : Today);
    }
}
