using BenchmarkDotNet.Attributes;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Ranking;

namespace SkillsMatch.Benchmarks;

/// <summary>What the learned model adds: scoring 1,000 candidates' features with the served ranker (heuristic + monotone correction) against the heuristic alone.</summary>
[MemoryDiagnoser]
public class RankerBenchmarks
{
    private Ranker _ranker = null!;
    private float[][] _candidates = null!;

    [GlobalSetup]
    public void Setup() => (_ranker, _candidates) = Build(1_000);

    [Benchmark]
    public double Score1000() => _ranker.Scores(_candidates)[0];

    [Benchmark(Baseline = true)]
    public double Heuristic1000()
    {
        var sum = 0.0;
        foreach (var f in _candidates)
        {
            sum += HeuristicScore.Of(CandidateFeatures.FromArray(f));
        }

        return sum;
    }

    /// <summary>A model trained on 400 synthetic needs with 6 graded candidates each, and candidates to score.</summary>
    public static (Ranker Ranker, float[][] Candidates) Build(int candidates)
    {
        var random = new Random(5);
        var examples = new List<LabeledExample>();
        for (var need = 1; need <= 400; need++)
        {
            var rows = Enumerable.Range(0, 6).Select(i => (Client: (need * 10) + i, Features: Features(random))).ToList();
            var order = rows.OrderByDescending(r => r.Features[0] - (r.Features[9] / 40)).ToList();
            for (var rank = 0; rank < order.Count; rank++)
            {
                examples.Add(new LabeledExample(need, order[rank].Client, Math.Max(0, 3 - rank), order[rank].Features, new DateOnly(2026, 1, 1)));
            }
        }

        return (RankerTraining.TrainRanker(examples, "bench").Ranker, [.. Enumerable.Range(0, candidates).Select(_ => Features(random))]);
    }

    private static float[] Features(Random random)
    {
        var must = (float)random.NextDouble();
        return new CandidateFeatures(
            must, 0, must, must, (float)random.NextDouble(), (float)random.NextDouble() * 0.3f, 0, 0, 0,
            random.Next(5, 80), random.Next(0, 60), random.Next(0, 8), 1, 0).ToArray();
    }
}
