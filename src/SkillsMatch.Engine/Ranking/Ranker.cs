using SkillsMatch.Engine.Matching;

namespace SkillsMatch.Engine.Ranking;

/// <summary>
/// How a learned model's raw score becomes a bounded correction of the heuristic fit:
/// <c>Bound × clamp((raw − Center) / Spread, −1, 1)</c>. Fixed per model at training, so a
/// client–need pair gets the same score in every list.
/// </summary>
public sealed record CorrectionScale(double Center, double Spread, double Bound)
{
    /// <summary>Seven fit points at most up or down: the model reorders near neighbours, never a client with none of the must-haves above one with half (docs/ranker.md).</summary>
    public const double DefaultBound = 0.07;

    /// <summary>Centre and spread from the raw scores of the training examples: median and half the 5–95 % range.</summary>
    public static CorrectionScale Fit(IReadOnlyList<double> raw, double bound = DefaultBound)
    {
        if (raw.Count == 0)
        {
            return new CorrectionScale(0, 1, bound);
        }

        var sorted = raw.Order().ToArray();
        double At(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
        var spread = (At(0.95) - At(0.05)) / 2;
        return new CorrectionScale(At(0.5), spread > 1e-9 ? spread : 1, bound);
    }

    public double Apply(double raw) => Bound * Math.Clamp((raw - Center) / Spread, -1, 1);
}

/// <summary>One feature's part in a learned correction.</summary>
public readonly record struct FeatureMove(int Feature, double Points);

/// <summary>A row's score: the fit (heuristic plus correction, 0–1), its two parts, and what moved it most.</summary>
public readonly record struct RankerScore(double Fit, double Heuristic, double Correction, IReadOnlyList<FeatureMove> Movers);

/// <summary>
/// The one ranking every list uses: the heuristic fit, plus, with a learned model, a bounded
/// correction from the model made monotone by construction. The sum is monotone in every
/// feature's direction, because both parts are.
/// </summary>
public sealed class Ranker
{
    public static readonly Ranker Heuristic = new(null, null, null);

    public Ranker(LightGbmRanker? model, CorrectionScale? scale, string? version)
        : this(model, scale, version, unconstrained: false)
    {
    }

    private Ranker(LightGbmRanker? model, CorrectionScale? scale, string? version, bool unconstrained)
    {
        if (model is not null && scale is null && !unconstrained)
        {
            throw new ArgumentNullException(nameof(scale), "A learned model needs its correction scale.");
        }

        Model = model;
        Scale = scale;
        Version = version;
        Unconstrained = unconstrained;
    }

    /// <summary>
    /// The ranking before feature schema 3: the raw trees' score alone, neither bounded nor made
    /// monotone, the heuristic ignored. Never served; kept so that the promotion gate can be shown
    /// to refuse a model ranked this way (RankerTests, <c>evaluate</c>).
    /// </summary>
    public static Ranker RawTrees(LightGbmRanker model, string version) => new(model, null, version, unconstrained: true);

    /// <summary>True for <see cref="RawTrees"/>: the score is the trees' raw output, not a fit between 0 and 1.</summary>
    public bool Unconstrained { get; }

    public LightGbmRanker? Model { get; }

    public CorrectionScale? Scale { get; }

    public string? Version { get; }

    /// <summary>The most the ranker can add to the heuristic fit: the correction's bound (unbounded for <see cref="RawTrees"/>).</summary>
    public double MaxCorrection => Model is null ? 0 : Unconstrained ? double.PositiveInfinity : Math.Abs(Scale!.Bound);

    public string Name => Model is null ? "heuristic" : Unconstrained ? $"raw lightgbm {Version}" : $"lightgbm {Version}";

    /// <summary>Scores one row; with <paramref name="explain"/>, the learned correction's two largest feature moves in its direction.</summary>
    public RankerScore Score(in CandidateFeatures features, bool explain = false)
    {
        var heuristic = HeuristicScore.Of(features);
        if (Model is null)
        {
            return new RankerScore(heuristic, heuristic, 0, []);
        }

        Span<float> values = stackalloc float[CandidateFeatures.Count];
        features.CopyTo(values);
        if (Unconstrained)
        {
            var score = Model.Score([values.ToArray()])[0];
            return new RankerScore(score, heuristic, score - heuristic, []);
        }

        Span<double> contributions = explain ? stackalloc double[CandidateFeatures.Count] : default;
        var raw = Model.ScoreMonotone(values, contributions);
        var correction = Scale!.Apply(raw);
        return new RankerScore(heuristic + correction, heuristic, correction, explain ? Movers(contributions, raw, correction) : []);
    }

    public double[] Scores(IReadOnlyList<float[]> rows)
    {
        var scores = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            scores[i] = Score(CandidateFeatures.FromArray(rows[i])).Fit;
        }

        return scores;
    }

    /// <summary>The contributions in fit points, scaled like the correction; the two largest that pushed the way the correction went.</summary>
    private IReadOnlyList<FeatureMove> Movers(ReadOnlySpan<double> contributions, double raw, double correction)
    {
        if (Math.Abs(correction) < 1e-9)
        {
            return [];
        }

        // The correction is linear in the raw score until the clamp; past it, shares stay proportional.
        var rawMove = raw - Scale!.Center;
        var factor = Math.Abs(rawMove) < 1e-12 ? 0 : correction / rawMove;
        var moves = new List<FeatureMove>();
        for (var i = 0; i < contributions.Length; i++)
        {
            var points = 100 * contributions[i] * factor;
            if (Math.Sign(points) == Math.Sign(correction) && Math.Abs(points) >= 0.05)
            {
                moves.Add(new FeatureMove(i, points));
            }
        }

        return [.. moves.OrderByDescending(m => Math.Abs(m.Points)).ThenBy(m => m.Feature).Take(2)];
    }
}
