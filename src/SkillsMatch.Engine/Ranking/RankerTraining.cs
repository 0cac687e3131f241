using System.Globalization;
using SkillsMatch.Engine.Matching;

namespace SkillsMatch.Engine.Ranking;

/// <summary>
/// The three checks a model must pass to be promoted, each with its figures: (a) it beats the
/// heuristic (and is not below the active model) on held-out outcomes; (b) on the taxonomy suite
/// it is not worse than the heuristic by more than <see cref="RankerTraining.TaxonomyTolerance"/>
/// NDCG@10; (c) the monotonicity check finds no perturbed vector that scores lower.
/// </summary>
public sealed record PromotionGate(
    bool OutcomesPassed,
    double ModelOutcomesNdcg10,
    double HeuristicOutcomesNdcg10,
    double? ActiveOutcomesNdcg10,
    bool TaxonomyPassed,
    double ModelTaxonomyNdcg10,
    double HeuristicTaxonomyNdcg10,
    bool MonotonicityPassed,
    int MonotonicityChecks,
    int MonotonicityViolations)
{
    public bool Passed => OutcomesPassed && TaxonomyPassed && MonotonicityPassed;

    public string Decision
    {
        get
        {
            var failed = new List<string>();
            if (!OutcomesPassed)
            {
                failed.Add(ModelOutcomesNdcg10 <= HeuristicOutcomesNdcg10
                    ? $"outcomes: NDCG@10 {ModelOutcomesNdcg10:F3} not above the heuristic's {HeuristicOutcomesNdcg10:F3}"
                    : $"outcomes: NDCG@10 {ModelOutcomesNdcg10:F3} below the active model's {ActiveOutcomesNdcg10:F3}");
            }

            if (!TaxonomyPassed)
            {
                failed.Add($"taxonomy suite: NDCG@10 {ModelTaxonomyNdcg10:F3} more than {RankerTraining.TaxonomyTolerance:F2} below the heuristic's {HeuristicTaxonomyNdcg10:F3}");
            }

            if (!MonotonicityPassed)
            {
                failed.Add($"monotonicity: {MonotonicityViolations} of {MonotonicityChecks} perturbed vectors scored lower");
            }

            return failed.Count == 0 ? "promoted" : "not promoted: " + string.Join("; ", failed);
        }
    }
}

/// <summary>
/// One training run: split the labelled examples by need, train LightGBM on the training part,
/// fix the scale of its bounded correction, run the promotion gate, save the model with its card,
/// and promote it only when every check of the gate passes.
/// </summary>
public static class RankerTraining
{
    public const double TaxonomyTolerance = 0.01;

    public const string IntendedUse =
        "Decision support: orders the candidates retrieval found for a need. A caseworker decides whom to propose; " +
        "the model never sees protected attributes and is trained on past lists and employer decisions, which may carry their biases. " +
        "It only corrects the heuristic fit by a bounded, monotone amount.";

    /// <param name="taxonomyNdcg10">NDCG@10 of a ranker on the taxonomy suite (built from ESCO, not from our samples).</param>
    public static ModelCard Run(IReadOnlyList<LabeledExample> examples, ModelRegistry registry, DateTimeOffset now, Func<Ranker, double> taxonomyNdcg10, int seed = 1)
    {
        var (model, card) = Train(examples, registry.LoadActive(), now, taxonomyNdcg10, seed);
        registry.Save(model, card);
        if (card.Promoted)
        {
            registry.Promote(card.Version);
        }

        return card;
    }

    /// <summary>Trains and gates a model against <paramref name="active"/>; the caller stores it, and promotes it when <see cref="ModelCard.Promoted"/>.</summary>
    public static (LightGbmRanker Model, ModelCard Card) Train(IReadOnlyList<LabeledExample> examples, ActiveRanker active, DateTimeOffset now, Func<Ranker, double> taxonomyNdcg10, int seed = 1)
    {
        var (train, heldOut) = RankingMetrics.SplitByNeed(examples);
        if (train.Count == 0 || heldOut.Count == 0)
        {
            throw new InvalidOperationException($"Too few outcomes to train: {examples.Count} examples over {examples.Select(e => e.NeedId).Distinct().Count()} needs.");
        }

        var version = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + $"-{Guid.NewGuid().ToString("N")[..6]}";

        // Lists that were shown carry the position bias of the ranker that ordered them: who was proposed
        // depends on where they stood, which flatters that ranker. The employers' decisions among the
        // proposed candidates do not, so with impressions the held-out evaluation ranks those.
        if (heldOut.Any(e => e.Group != 0))
        {
            heldOut = [.. heldOut.Where(e => e.Label > 0)];
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (model, candidate) = TrainRanker(train, version, seed);
        var trainingSeconds = watch.Elapsed.TotalSeconds;

        var modelQuality = RankingMetrics.Evaluate(heldOut, batch => candidate.Scores([.. batch.Select(e => e.Features)]));
        var heuristic = RankingMetrics.Evaluate(heldOut, HeuristicScores);
        var activeQuality = active.Ranker.Model is null ? null : RankingMetrics.Evaluate(heldOut, batch => active.Ranker.Scores([.. batch.Select(e => e.Features)]));
        var gate = Gate(candidate, modelQuality, heuristic, activeQuality, taxonomyNdcg10, [.. examples.Select(e => e.Features)]);

        var card = new ModelCard(
            version,
            now,
            CandidateFeatures.SchemaVersion,
            CandidateFeatures.Names,
            train.Count,
            train.Select(e => e.NeedId).Distinct().Count(),
            heldOut.Select(e => e.NeedId).Distinct().Count(),
            Math.Round(trainingSeconds, 3),
            examples.Count == 0 ? null : examples.Min(e => e.Date),
            examples.Count == 0 ? null : examples.Max(e => e.Date),
            modelQuality,
            heuristic,
            activeQuality,
            gate.Passed,
            gate.Decision,
            IntendedUse,
            candidate.Scale!,
            gate);
        return (model, card);
    }

    /// <summary>Trains LightGBM and wraps it as a bounded, monotone correction of the heuristic.</summary>
    public static (LightGbmRanker Model, Ranker Ranker) TrainRanker(IReadOnlyList<LabeledExample> train, string version, int seed = 1)
    {
        var model = LightGbmRanker.Train(train, seed);
        var scale = CorrectionScale.Fit([.. train.Select(e => model.ScoreMonotone(e.Features))]);
        return (model, new Ranker(model, scale, version));
    }

    /// <summary>The promotion gate (see <see cref="PromotionGate"/>).</summary>
    public static PromotionGate Gate(Ranker candidate, RankingQuality model, RankingQuality heuristic, RankingQuality? active, Func<Ranker, double> taxonomyNdcg10, IReadOnlyList<float[]> vectors)
    {
        var modelTaxonomy = taxonomyNdcg10(candidate);
        var heuristicTaxonomy = taxonomyNdcg10(Ranker.Heuristic);
        var monotonicity = Monotonicity.Check(f => candidate.Score(f).Fit, vectors);
        return new PromotionGate(
            model.Ndcg10 > heuristic.Ndcg10 && (active is null || model.Ndcg10 >= active.Ndcg10),
            model.Ndcg10,
            heuristic.Ndcg10,
            active?.Ndcg10,
            modelTaxonomy >= heuristicTaxonomy - TaxonomyTolerance,
            modelTaxonomy,
            heuristicTaxonomy,
            monotonicity.Passed,
            monotonicity.Checks,
            monotonicity.Violations);
    }

    /// <summary>Writes the split as two CSV files (need, client, label, features) for a peer ranker trained outside .NET.</summary>
    public static void Export(IReadOnlyList<LabeledExample> examples, string folder)
    {
        var (train, heldOut) = RankingMetrics.SplitByNeed(examples);
        Directory.CreateDirectory(folder);
        foreach (var (name, rows) in new[] { ("train.csv", train), ("heldout.csv", heldOut) })
        {
            using var writer = new StreamWriter(Path.Combine(folder, name));
            writer.WriteLine($"need_id,client_id,label,{string.Join(',', CandidateFeatures.Names)}");
            foreach (var e in rows.OrderBy(e => e.NeedId).ThenBy(e => e.ClientId))
            {
                writer.WriteLine(string.Join(',', new[] { e.NeedId.ToString(CultureInfo.InvariantCulture), e.ClientId.ToString(CultureInfo.InvariantCulture), e.Label.ToString(CultureInfo.InvariantCulture) }
                    .Concat(e.Features.Select(f => f.ToString("R", CultureInfo.InvariantCulture)))));
            }
        }
    }

    public static double[] HeuristicScores(IReadOnlyList<LabeledExample> batch) =>
        [.. batch.Select(e => HeuristicScore.Of(CandidateFeatures.FromArray(e.Features)))];
}
