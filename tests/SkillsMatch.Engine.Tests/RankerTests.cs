using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Ranking;

namespace SkillsMatch.Engine.Tests;

public sealed class RankerTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 6, 1);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "skillsmatch-ranker-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Ndcg_and_map_match_a_hand_computed_ranking()
    {
        // One need, labels in score order 0, 3, 1: DCG@3 = 0 + 7/log2(3) + 1/2; ideal = 7 + 1/log2(3).
        LabeledExample[] examples = [Example(1, 1, 0, 0.9f), Example(1, 2, 3, 0.5f), Example(1, 3, 1, 0.1f)];
        var quality = RankingMetrics.Evaluate(examples, batch => [.. batch.Select(e => (double)e.Features[0])]);
        var expected = ((7 / Math.Log2(3)) + 0.5) / (7 + (1 / Math.Log2(3)));
        Assert.Equal(expected, quality.Ndcg3, 6);
        Assert.Equal(0, quality.Ndcg1);
        Assert.Equal(0.5, quality.Map, 6);
    }

    [Fact]
    public void Split_keeps_every_need_on_one_side()
    {
        var examples = Enumerable.Range(0, 2000).Select(i => Example(i / 5, i, i % 4, 0)).ToList();
        var (train, heldOut) = RankingMetrics.SplitByNeed(examples);
        Assert.Empty(train.Select(e => e.NeedId).Intersect(heldOut.Select(e => e.NeedId)));
        Assert.InRange(heldOut.Count / (double)examples.Count, 0.15, 0.35);
    }

    [Fact]
    public void Model_that_learns_what_employers_weigh_is_promoted()
    {
        var registry = new ModelRegistry(_folder);
        var first = RankerTraining.Run(Simulate(new Random(1), signal: true), registry, DateTimeOffset.UnixEpoch, SameOnTaxonomy);
        Assert.True(first.Promoted, first.Decision);
        Assert.True(first.Model.Ndcg10 > first.Heuristic.Ndcg10);
        Assert.Equal([first.Version], registry.PromotedVersions());
        Assert.Equal(first.Version, registry.LoadActive().Card!.Version);
    }

    [Fact]
    public void Model_no_better_than_the_heuristic_is_not_promoted_and_the_active_one_stays()
    {
        var registry = new ModelRegistry(_folder);
        var active = RankerTraining.Run(Simulate(new Random(1), signal: true), registry, DateTimeOffset.UnixEpoch, SameOnTaxonomy);

        // Employers who decide exactly as the heuristic ranks: nothing can beat it.
        var asHeuristic = Simulate(new Random(2), signal: true)
            .GroupBy(e => e.NeedId)
            .SelectMany(g => g.OrderByDescending(e => HeuristicScore.Of(CandidateFeatures.FromArray(e.Features))).ThenBy(e => e.ClientId)
                .Select((e, rank) => e with { Label = Math.Max(0, 3 - rank) }))
            .ToList();
        var second = RankerTraining.Run(asHeuristic, registry, DateTimeOffset.UnixEpoch.AddDays(1), SameOnTaxonomy);

        Assert.Equal(1.0, second.Heuristic.Ndcg10, 9);
        Assert.False(second.Promoted, second.Decision);
        Assert.Equal([active.Version], registry.PromotedVersions());
        Assert.Equal(active.Version, registry.LoadActive().Card!.Version);
    }

    [Fact]
    public void Gate_refuses_a_model_that_fails_any_of_its_three_checks_and_names_it()
    {
        static RankingQuality Q(double ndcg10) => new(0, 0, 0, ndcg10, 0, 10);
        var examples = Simulate(new Random(1), signal: true);
        var (_, candidate) = RankerTraining.TrainRanker(examples, "test");
        var vectors = examples.Select(e => e.Features).ToList();

        var passes = RankerTraining.Gate(candidate, Q(0.9), Q(0.8), null, SameOnTaxonomy, vectors);
        Assert.True(passes.Passed, passes.Decision);
        Assert.True(passes.MonotonicityChecks >= 10_000);
        Assert.Equal("promoted", passes.Decision);

        var belowActive = RankerTraining.Gate(candidate, Q(0.85), Q(0.8), Q(0.9), SameOnTaxonomy, vectors);
        Assert.False(belowActive.Passed);
        Assert.Contains("active model", belowActive.Decision, StringComparison.Ordinal);

        var notAboveHeuristic = RankerTraining.Gate(candidate, Q(0.8), Q(0.8), null, SameOnTaxonomy, vectors);
        Assert.False(notAboveHeuristic.OutcomesPassed);
        Assert.Contains("not above the heuristic", notAboveHeuristic.Decision, StringComparison.Ordinal);

        // 0.02 below the heuristic on the taxonomy suite: more than the tolerance of 0.01.
        var worseOnTaxonomy = RankerTraining.Gate(candidate, Q(0.9), Q(0.8), null, r => r.Model is null ? 0.90 : 0.88, vectors);
        Assert.True(worseOnTaxonomy.OutcomesPassed && worseOnTaxonomy.MonotonicityPassed);
        Assert.False(worseOnTaxonomy.Passed);
        Assert.Contains("taxonomy suite", worseOnTaxonomy.Decision, StringComparison.Ordinal);
        Assert.True(RankerTraining.Gate(candidate, Q(0.9), Q(0.8), null, r => r.Model is null ? 0.90 : 0.895, vectors).Passed);
    }

    [Fact]
    public void Heuristic_and_trained_models_never_score_a_better_candidate_lower()
    {
        var examples = Simulate(new Random(11), signal: true);
        var vectors = examples.Select(e => e.Features).ToList();
        var heuristic = Monotonicity.Check(f => HeuristicScore.Of(f), vectors);
        Assert.True(heuristic.Checks >= 10_000);
        Assert.Equal(0, heuristic.Violations);

        foreach (var seed in new[] { 1, 2 })
        {
            var (model, ranker) = RankerTraining.TrainRanker(examples, "test", seed);
            var served = Monotonicity.Check(f => ranker.Score(f).Fit, vectors);
            Assert.True(served.Checks >= 10_000);
            Assert.Equal(0, served.Violations);

            // The check is live: the raw trees, before they are made monotone, do invert some pairs.
            var raw = Monotonicity.Check(f => model.Score([f.ToArray()])[0], vectors);
            Assert.True(raw.Violations > 0, "the raw LightGBM trees are not monotone by themselves");
        }
    }

    [Fact]
    public void Correction_is_bounded_and_its_movers_point_the_way_it_moved()
    {
        var examples = Simulate(new Random(4), signal: true);
        var (_, ranker) = RankerTraining.TrainRanker(examples, "test");
        var moved = 0;
        foreach (var e in examples.Take(600))
        {
            var score = ranker.Score(CandidateFeatures.FromArray(e.Features), explain: true);
            Assert.InRange(score.Correction, -CorrectionScale.DefaultBound, CorrectionScale.DefaultBound);
            Assert.Equal(score.Heuristic + score.Correction, score.Fit, 12);
            Assert.True(score.Movers.Count <= 2);
            Assert.All(score.Movers, m => Assert.Equal(Math.Sign(score.Correction), Math.Sign(m.Points)));
            moved += score.Movers.Count > 0 ? 1 : 0;
        }

        Assert.True(moved > 100, $"{moved} rows explained");
    }

    [Fact]
    public void Compiled_trees_score_exactly_as_the_ML_NET_prediction_engine()
    {
        var examples = Simulate(new Random(9), signal: true);
        var model = LightGbmRanker.Train(examples);
        var loaded = Path.Combine(_folder, "model.zip");
        Directory.CreateDirectory(_folder);
        model.Save(loaded);

        foreach (var ranker in new[] { model, LightGbmRanker.Load(loaded) })
        {
            Assert.True(ranker.UsesCompiledTrees);
            var features = examples.Take(500).Select(e => e.Features).ToList();
            var compiled = ranker.Score(features);
            var reference = ranker.ScoreWithPredictionEngine(features);
            for (var i = 0; i < features.Count; i++)
            {
                Assert.True(Math.Abs(reference[i] - compiled[i]) <= 1e-5 * Math.Max(1, Math.Abs(reference[i])), $"{reference[i]} vs {compiled[i]}");
            }

            Assert.True(compiled.Distinct().Count() > 50, "scores vary");
        }
    }

    [Fact]
    public void Corrupt_model_file_falls_back_to_the_previous_model_then_to_the_heuristic()
    {
        var registry = new ModelRegistry(_folder);
        var first = RankerTraining.Run(Simulate(new Random(3), signal: true), registry, DateTimeOffset.UnixEpoch, SameOnTaxonomy);
        var second = RankerTraining.Run(Simulate(new Random(3), signal: true), registry, DateTimeOffset.UnixEpoch.AddDays(1), SameOnTaxonomy);
        Assert.True(first.Promoted && second.Promoted, $"{first.Decision} / {second.Decision}");

        File.WriteAllText(Path.Combine(_folder, second.Version, "model.zip"), "not a model");
        var active = registry.LoadActive();
        Assert.Equal(first.Version, active.Card!.Version);
        Assert.Contains(second.Version, active.Problem, StringComparison.Ordinal);

        File.Delete(Path.Combine(_folder, first.Version, "model.zip"));
        var fallback = registry.LoadActive();
        Assert.Null(fallback.Ranker.Model);
        Assert.Equal("heuristic", fallback.Name);
        Assert.NotNull(fallback.Problem);
    }

    [Fact]
    public void Model_of_another_feature_schema_is_not_used()
    {
        var registry = new ModelRegistry(_folder);
        var card = RankerTraining.Run(Simulate(new Random(5), signal: true), registry, DateTimeOffset.UnixEpoch, SameOnTaxonomy);
        var path = Path.Combine(_folder, card.Version, "card.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace($"\"featureSchema\": {CandidateFeatures.SchemaVersion}", "\"featureSchema\": 1", StringComparison.Ordinal));

        var active = registry.LoadActive();

        Assert.Null(active.Ranker.Model);
        Assert.Contains("feature schema 1", active.Problem, StringComparison.Ordinal);
    }

    /// <summary>A stand-in for the taxonomy suite where model and heuristic score alike (the suite itself is tested in TaxonomySuiteTests).</summary>
    private static double SameOnTaxonomy(Ranker ranker) => 0.9;

    /// <summary>Needs with 6 candidates each; with signal, employers weigh commute and experience far more than the heuristic does.</summary>
    internal static List<LabeledExample> Simulate(Random random, bool signal)
    {
        var examples = new List<LabeledExample>();
        for (var need = 1; need <= 400; need++)
        {
            var rows = Enumerable.Range(0, 6).Select(i =>
            {
                var must = (float)random.NextDouble();
                var f = new CandidateFeatures(
                    must, 0, must, must, (float)random.NextDouble(), (float)random.NextDouble() * 0.3f, 0, 0, 0,
                    random.Next(5, 80), random.Next(0, 60), random.Next(0, 8), 1, 0);
                var utility = signal
                    ? (0.6 * f.MustHaveCoverage) - (f.CommuteMinutes / 40.0) + (0.5 * Math.Min(1, f.OccupationExperienceYears / 3)) + (0.1 * random.NextDouble())
                    : random.NextDouble();
                return (Client: (need * 10) + i, Features: f.ToArray(), Utility: utility);
            }).OrderByDescending(r => r.Utility).ToList();
            for (var rank = 0; rank < rows.Count; rank++)
            {
                examples.Add(new LabeledExample(need, rows[rank].Client, rank == 0 ? 3 : rank == 1 ? 2 : rank == 2 ? 1 : 0, rows[rank].Features, Day));
            }
        }

        return examples;
    }

    private static LabeledExample Example(int need, int client, float label, float score) =>
        new(need, client, label, [score, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], Day);
}
