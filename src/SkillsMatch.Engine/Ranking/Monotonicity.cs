using SkillsMatch.Engine.Matching;

namespace SkillsMatch.Engine.Ranking;

/// <summary>Result of the metamorphic check: perturbed vectors scored and how many scored lower than their original.</summary>
public sealed record MonotonicityResult(int Checks, int Violations)
{
    public bool Passed => Checks > 0 && Violations == 0;
}

/// <summary>
/// The metamorphic monotonicity check: feature vectors moved in each feature's "better" direction
/// (<see cref="CandidateFeatures.Directions"/>) by small, medium and large steps must never score
/// lower than before.
/// </summary>
public static class Monotonicity
{
    private static readonly double[] Steps = [0.05, 0.34, 1.0];

    public static MonotonicityResult Check(Func<CandidateFeatures, double> score, IReadOnlyList<float[]> vectors, int minChecks = 10_000, int seed = 7)
    {
        ArgumentOutOfRangeException.ThrowIfZero(vectors.Count);
        var random = new Random(seed);
        var directed = Enumerable.Range(0, CandidateFeatures.Count).Where(i => CandidateFeatures.Directions[i] != 0).ToArray();
        var perBase = directed.Length * Steps.Length;
        var bases = (minChecks + perBase - 1) / perBase;
        int checks = 0, violations = 0;
        var moved = new float[CandidateFeatures.Count];
        for (var b = 0; b < bases; b++)
        {
            var original = vectors[random.Next(vectors.Count)];
            var before = score(CandidateFeatures.FromArray(original));
            foreach (var feature in directed)
            {
                foreach (var step in Steps)
                {
                    original.CopyTo(moved, 0);
                    moved[feature] = Better(feature, original[feature], step);
                    checks++;
                    if (score(CandidateFeatures.FromArray(moved)) < before - 1e-9)
                    {
                        violations++;
                    }
                }
            }
        }

        return new MonotonicityResult(checks, violations);
    }

    /// <summary>A value better by a step: shares move towards 1 or 0, counts and minutes by a share of their size (at least one unit).</summary>
    private static float Better(int feature, float value, double step)
    {
        var share = CandidateFeatures.IsShare[feature];
        var size = share ? step : step * Math.Max(1, Math.Abs(value));
        return CandidateFeatures.Directions[feature] > 0
            ? (float)(share ? Math.Min(1, value + size) : value + size)
            : (float)Math.Max(0, value - size);
    }
}
