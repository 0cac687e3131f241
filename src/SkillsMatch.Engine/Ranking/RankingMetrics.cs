namespace SkillsMatch.Engine.Ranking;

/// <summary>
/// One client shown for one need with the label its outcome earned, its features, and the weight
/// training gives it (an inverse propensity weight correcting for the position it was shown at; 1 when unknown).
/// <paramref name="Group"/> numbers the list the example was shown in (examples of one list are ranked
/// against each other); 0 groups by need.
/// </summary>
public sealed record LabeledExample(int NeedId, int ClientId, float Label, float[] Features, DateOnly Date, float Weight = 1, int Group = 0)
{
    /// <summary>The ranking group: the list when known, else the need.</summary>
    public (int List, int Need) GroupKey => Group != 0 ? (Group, 0) : (0, NeedId);
}

/// <summary>Ranking quality on held-out needs: NDCG at 1, 3, 5, 10 (gain 2^label − 1) and MAP (relevant = invited or hired).</summary>
public sealed record RankingQuality(double Ndcg1, double Ndcg3, double Ndcg5, double Ndcg10, double Map, int Groups)
{
    public static readonly RankingQuality Empty = new(0, 0, 0, 0, 0, 0);
}

public static class RankingMetrics
{
    /// <summary>Label grades: rejected 0, proposed 1, invited 2, hired 3.</summary>
    public const float RelevantFrom = 2;

    /// <summary>Scores every example, ranks each group's examples (a shown list, or a need) by score (ties by client id) and averages over groups.</summary>
    public static RankingQuality Evaluate(IReadOnlyList<LabeledExample> examples, Func<IReadOnlyList<LabeledExample>, double[]> score)
    {
        var scores = score(examples);
        var groups = examples.Select((e, i) => (Example: e, Score: scores[i])).GroupBy(p => p.Example.GroupKey).ToList();
        double n1 = 0, n3 = 0, n5 = 0, n10 = 0, map = 0;
        int ndcgGroups = 0, mapGroups = 0;
        foreach (var group in groups)
        {
            var ranked = group.OrderByDescending(p => p.Score).ThenBy(p => p.Example.ClientId).Select(p => p.Example.Label).ToArray();
            var ideal = ranked.OrderDescending().ToArray();
            if (ideal[0] > 0)
            {
                n1 += Ndcg(ranked, ideal, 1);
                n3 += Ndcg(ranked, ideal, 3);
                n5 += Ndcg(ranked, ideal, 5);
                n10 += Ndcg(ranked, ideal, 10);
                ndcgGroups++;
            }

            var relevant = ranked.Count(l => l >= RelevantFrom);
            if (relevant > 0)
            {
                double hits = 0, sum = 0;
                for (var i = 0; i < ranked.Length; i++)
                {
                    if (ranked[i] >= RelevantFrom)
                    {
                        hits++;
                        sum += hits / (i + 1);
                    }
                }

                map += sum / relevant;
                mapGroups++;
            }
        }

        return ndcgGroups == 0
            ? RankingQuality.Empty
            : new RankingQuality(n1 / ndcgGroups, n3 / ndcgGroups, n5 / ndcgGroups, n10 / ndcgGroups, mapGroups == 0 ? 0 : map / mapGroups, groups.Count);
    }

    private static double Ndcg(float[] ranked, float[] ideal, int k) => Dcg(ranked, k) / Dcg(ideal, k);

    private static double Dcg(float[] labels, int k)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(k, labels.Length); i++)
        {
            dcg += (Math.Pow(2, labels[i]) - 1) / Math.Log2(i + 2);
        }

        return dcg;
    }

    /// <summary>Splits by need, never splitting a need's examples: a stable hash of the need id picks the held-out quarter.</summary>
    public static (List<LabeledExample> Train, List<LabeledExample> HeldOut) SplitByNeed(IReadOnlyList<LabeledExample> examples, double heldOutShare = 0.25)
    {
        var train = new List<LabeledExample>();
        var heldOut = new List<LabeledExample>();
        foreach (var e in examples)
        {
            var bucket = (uint)(e.NeedId * 2654435761u) % 1000;
            (bucket < heldOutShare * 1000 ? heldOut : train).Add(e);
        }

        return (train, heldOut);
    }
}
