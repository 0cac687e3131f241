using System.Globalization;
using SkillsMatch.Engine.Matching;

namespace SkillsMatch.Engine.Ranking;

/// <summary>
/// One training run: split the labelled examples by need, train LightGBM on the training part,
/// evaluate the new model, the active model and the heuristic on the held-out needs, save the
/// model with its card, and promote it only when it is not worse than the active model and
/// better than the heuristic (NDCG@10).
/// </summary>
public static class RankerTraining
{
    public const string IntendedUse =
        "Decision support: orders the candidates retrieval found for a need. A caseworker decides whom to propose; " +
        "the model never sees protected attributes and is trained on past employer decisions, which may carry their biases.";

    public static ModelCard Run(IReadOnlyList<LabeledExample> examples, ModelRegistry registry, DateTimeOffset now, int seed = 1)
    {
        var (train, heldOut) = RankingMetrics.SplitByNeed(examples);
        if (train.Count == 0 || heldOut.Count == 0)
        {
            throw new InvalidOperationException($"Too few outcomes to train: {examples.Count} examples over {examples.Select(e => e.NeedId).Distinct().Count()} needs.");
        }

        // Lists that were shown carry the position bias of the ranker that ordered them: who was proposed
        // depends on where they stood, which flatters that ranker. The employers' decisions among the
        // proposed candidates do not, so with impressions the held-out evaluation ranks those.
        if (heldOut.Any(e => e.Group != 0))
        {
            heldOut = [.. heldOut.Where(e => e.Label > 0)];
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var model = LightGbmRanker.Train(train, seed);
        var trainingSeconds = watch.Elapsed.TotalSeconds;
        var modelQuality = RankingMetrics.Evaluate(heldOut, batch => model.Score([.. batch.Select(e => e.Features)]));
        var heuristic = RankingMetrics.Evaluate(heldOut, HeuristicScores);
        var active = registry.LoadActive();
        var activeQuality = active.Model is { } current ? RankingMetrics.Evaluate(heldOut, batch => current.Score([.. batch.Select(e => e.Features)])) : null;

        var (promote, decision) = Decide(modelQuality, heuristic, activeQuality);
        var card = new ModelCard(
            now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + $"-{Guid.NewGuid().ToString("N")[..6]}",
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
            promote,
            decision,
            IntendedUse);
        registry.Save(model, card);
        if (promote)
        {
            registry.Promote(card.Version);
        }

        return card;
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

    /// <summary>The promotion rule: better than the heuristic and not worse than the active model, by NDCG@10 on the same held-out needs.</summary>
    public static (bool Promote, string Decision) Decide(RankingQuality model, RankingQuality heuristic, RankingQuality? active)
    {
        if (model.Ndcg10 <= heuristic.Ndcg10)
        {
            return (false, "not promoted: NDCG@10 not above the heuristic");
        }

        return active is not null && model.Ndcg10 < active.Ndcg10
            ? (false, "not promoted: NDCG@10 below the active model")
            : (true, "promoted");
    }

    public static double[] HeuristicScores(IReadOnlyList<LabeledExample> batch) =>
        [.. batch.Select(e => HeuristicScore.Of(FromArray(e.Features)))];

    public static CandidateFeatures FromArray(float[] f) => new(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11]);
}
