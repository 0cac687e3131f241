using System.Diagnostics;
using Lucene.Net.Store;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Ranking;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Benchmarks;

/// <summary>Ranking quality of one ranker on the taxonomy suite.</summary>
public sealed record SuiteRow(string Ranker, TaxonomyQuality Quality);

/// <summary>Latency of engine and Lucene.NET on the same synthetic profiles and queries.</summary>
public sealed record LuceneSpeed(int Profiles, int Queries, int Top, double IndexBuildSeconds, double LuceneP50, double LuceneMean,
    double MatcherP50, double MatcherMean, double Bm25P50, double Bm25Mean);

/// <summary>The engine next to the real BM25 peer, Lucene.NET: ranking quality on the taxonomy suite, and speed.</summary>
public static class LuceneComparison
{
    public static List<SuiteRow> Suite(ReferenceData reference)
    {
        var suite = TaxonomySuite.Build(reference);
        using var lucene = new LucenePeer(new RAMDirectory(), suite.Profiles);
        return
        [
            new("heuristic (engine matcher)", suite.EvaluateMatcher()),
            new("bm25 textbook (engine)", suite.EvaluateBm25()),
            new("Lucene.NET 4.8 BM25", suite.Evaluate(need => [.. lucene.Search(TaxonomySuite.QueryOf(need), 100).Select(h => h.ClientId)])),
        ];
    }

    /// <summary>
    /// Lucene indexes the profiles into a memory-mapped folder under the temp path; both sides then
    /// answer the same needs' must-have and nice-to-have skills for the top <paramref name="top"/>.
    /// The matcher does its full pipeline (constraints, features, explanations), BM25 and Lucene
    /// score skills only.
    /// </summary>
    public static LuceneSpeed Speed(ReferenceData reference, IReadOnlyList<ClientProfile> profiles, Matcher matcher, IReadOnlyList<NeedProfile> needs, int top)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"skillsmatch-lucene-{Environment.ProcessId}");
        try
        {
            var watch = Stopwatch.StartNew();
            using var lucene = new LucenePeer(new MMapDirectory(new DirectoryInfo(folder)), profiles);
            var buildSeconds = watch.Elapsed.TotalSeconds;
            var bm25 = new Bm25Peer(reference.Taxonomy, profiles);
            var today = new DateOnly(2026, 11, 2);
            var queries = needs.Select(n => TaxonomySuite.QueryOf(n).ToArray()).ToArray();
            foreach (var q in queries.Take(20))
            {
                lucene.Search(q, top);
                bm25.Search(q, top);
            }

            var luceneMs = Time(queries.Length, i => lucene.Search(queries[i], top));
            var matcherMs = Time(queries.Length, i => matcher.CandidatesFor(needs[i], top, today, Language.German));
            var bm25Ms = Time(queries.Length, i => bm25.Search(queries[i], top));
            return new LuceneSpeed(profiles.Count, queries.Length, top, buildSeconds, Median(luceneMs), luceneMs.Average(),
                Median(matcherMs), matcherMs.Average(), Median(bm25Ms), bm25Ms.Average());
        }
        finally
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static double[] Time(int count, Action<int> run)
    {
        var ms = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            run(i);
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return ms;
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);
}
