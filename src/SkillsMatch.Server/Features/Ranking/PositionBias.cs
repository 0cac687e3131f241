namespace SkillsMatch.Server.Features.Ranking;

/// <summary>
/// Examination propensity by rank, estimated from the click-through by rank: the share of shown
/// rows at rank r that were proposed or better, relative to rank 1 (docs/ranker.md). Each rank's
/// share is smoothed towards the overall share, made non-increasing with rank, and floored, so a
/// positive example's weight 1 / propensity stays bounded.
/// </summary>
public sealed class PositionBias
{
    public const double Floor = 0.05;
    public const float MaxWeight = 20;

    /// <summary>Pseudo-rows pulling a rank with few rows towards the overall click-through.</summary>
    public const double Smoothing = 20;

    private readonly double[] _propensity;

    private PositionBias(double[] propensity) => _propensity = propensity;

    /// <summary>Propensity of ranks 1, 2, …; ranks beyond the table take the last value.</summary>
    public IReadOnlyList<double> Propensities => _propensity;

    public static PositionBias Estimate(IEnumerable<(int Rank, bool Positive)> rows)
    {
        var shown = new List<int>();
        var positive = new List<int>();
        foreach (var (rank, isPositive) in rows)
        {
            while (shown.Count < rank)
            {
                shown.Add(0);
                positive.Add(0);
            }

            shown[rank - 1]++;
            positive[rank - 1] += isPositive ? 1 : 0;
        }

        var total = shown.Sum();
        if (total == 0 || positive.Sum() == 0)
        {
            return new PositionBias([1]);
        }

        var overall = positive.Sum() / (double)total;
        var rate = shown.Select((n, r) => (positive[r] + (Smoothing * overall)) / (n + Smoothing)).ToArray();
        var propensity = new double[rate.Length];
        for (var r = 0; r < rate.Length; r++)
        {
            var relative = Math.Min(1, rate[r] / rate[0]);
            propensity[r] = Math.Max(Floor, r == 0 ? 1 : Math.Min(propensity[r - 1], relative));
        }

        return new PositionBias(propensity);
    }

    /// <summary>The first twenty ranks as "rank:propensity", for the log.</summary>
    public override string ToString() =>
        string.Join(" ", _propensity.Take(20).Select((p, i) => FormattableString.Invariant($"{i + 1}:{p:F2}")));

    public double Propensity(int rank) => _propensity[Math.Clamp(rank, 1, _propensity.Length) - 1];

    /// <summary>1 / propensity for a positive label, clipped at <see cref="MaxWeight"/>; 1 for a zero.</summary>
    public float Weight(int rank, float label) => label > 0 ? (float)Math.Min(MaxWeight, 1 / Propensity(rank)) : 1;
}
