using System.Diagnostics;
using System.Globalization;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Benchmarks;

/// <summary>
/// The quick mode: one pass over 1,000,000 synthetic profiles with Stopwatch timings, the peers
/// measured in the same run on the same needs, the taxonomy suite with Lucene.NET BM25 beside the
/// engine, and a summary table. Takes just under two minutes on two cores.
/// </summary>
public static class QuickRun
{
    public static int Run(string[] args)
    {
        var clients = Option(args, "--clients", 1_000_000);
        var needCount = Option(args, "--needs", 1_000);
        var peerNeeds = Option(args, "--peer-needs", 20);
        var luceneClients = Math.Min(clients, Option(args, "--lucene-clients", clients));
        var luceneNeeds = Option(args, "--lucene-needs", 200);
        var total = Stopwatch.StartNew();
        var invariant = CultureInfo.InvariantCulture;

        var watch = Stopwatch.StartNew();
        var reference = ReferenceData.Load(ReferenceData.LocateDataDirectory());
        var loadMs = watch.Elapsed.TotalMilliseconds;

        var data = new SyntheticData(reference);
        watch.Restart();
        var profiles = data.Clients(clients).ToList();
        var needs = data.Needs(needCount);
        var generateMs = watch.Elapsed.TotalMilliseconds;

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        watch.Restart();
        var index = CandidateIndex.Build(reference, profiles);
        var buildMs = watch.Elapsed.TotalMilliseconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var bytesPerProfile = (after - before) / (double)clients;

        var matcher = new Matcher(index);
        var today = new DateOnly(2026, 11, 2);
        foreach (var need in needs.Take(50))
        {
            matcher.CandidatesFor(need, 50, today, Language.German);
        }

        var latencies = new double[needs.Count];
        var candidates = 0L;
        for (var i = 0; i < needs.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            candidates += matcher.CandidatesFor(needs[i], 50, today, Language.German).Count;
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var sorted = latencies.Order().ToArray();
        var enginePeerNeedsMs = latencies.Take(peerNeeds).Average();

        // Peers on the first needs, which the engine also ranked above.
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var skill in profiles.SelectMany(p => p.Skills))
        {
            frequency[skill.SkillId] = frequency.GetValueOrDefault(skill.SkillId) + 1;
        }

        watch.Restart();
        foreach (var need in needs.Take(peerNeeds))
        {
            Peers.LinqTop(profiles, Peers.Weights(need, frequency, clients), 50);
        }

        var linqMs = watch.Elapsed.TotalMilliseconds / peerNeeds;

        var sqlitePath = Path.Combine(Path.GetTempPath(), $"skillsmatch-bench-{Environment.ProcessId}.db");
        watch.Restart();
        double sqlMs;
        double sqlLoadMs;
        using (var connection = Peers.CreateSqlite(sqlitePath, profiles, reference))
        {
            sqlLoadMs = watch.Elapsed.TotalMilliseconds;
            Peers.SqlTop(connection, Peers.Weights(needs[0], frequency, clients), reference, 50);
            watch.Restart();
            foreach (var need in needs.Take(peerNeeds))
            {
                Peers.SqlTop(connection, Peers.Weights(need, frequency, clients), reference, 50);
            }

            sqlMs = watch.Elapsed.TotalMilliseconds / peerNeeds;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(sqlitePath);

        // The served ranker: heuristic plus the model's monotone, bounded correction, for 1,000 candidates.
        var (ranker, rows) = RankerBenchmarks.Build(1_000);
        for (var warm = 0; warm < 200; warm++)
        {
            ranker.Scores(rows);
        }

        watch.Restart();
        const int scoringRuns = 50;
        for (var run = 0; run < scoringRuns; run++)
        {
            ranker.Scores(rows);
        }

        var scoreMs = watch.Elapsed.TotalMilliseconds / scoringRuns;
        var (trees, nodes) = ranker.Model!.Size;

        // The real BM25 peer: quality on the taxonomy suite, then speed on the same synthetic profiles
        // (--lucene-clients N takes the first N instead, and the engine gets an index of those).
        watch.Restart();
        var suiteRows = LuceneComparison.Suite(reference);
        var suiteSeconds = watch.Elapsed.TotalSeconds;
        var luceneProfiles = luceneClients == clients ? profiles : profiles.Take(luceneClients).ToList();
        var luceneMatcher = luceneClients == clients ? matcher : new Matcher(CandidateIndex.Build(reference, luceneProfiles));
        var speed = LuceneComparison.Speed(reference, luceneProfiles, luceneMatcher, [.. needs.Take(luceneNeeds)], 50);

        string F(double value) => value.ToString(value < 10 ? "0.00" : "0.0", invariant);
        Console.WriteLine();
        Console.WriteLine($"SkillsMatch quick benchmark: {clients:N0} synthetic profiles, {needCount:N0} needs, top 50, single-threaded");
        Console.WriteLine($"{Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        Console.WriteLine();
        Console.WriteLine("| measure | value | target |");
        Console.WriteLine("| --- | ---: | --- |");
        Console.WriteLine($"| reference data load (taxonomy, vocabulary, regions) | {F(loadMs)} ms | well under 1 s |");
        Console.WriteLine($"| synthetic data generation | {F(generateMs / 1000)} s | |");
        Console.WriteLine($"| index build | {F(buildMs / 1000)} s | ≤ 20 s |");
        Console.WriteLine($"| index memory per profile (GC heap delta) | {F(bytesPerProfile)} B | ≤ 400 B |");
        Console.WriteLine($"| index memory per profile (estimate of arrays) | {F(index.EstimateBytes() / (double)clients)} B | |");
        Console.WriteLine($"| top-50 full pipeline p50 | {F(sorted[sorted.Length / 2])} ms | ≤ 5 ms |");
        Console.WriteLine($"| top-50 full pipeline p90 | {F(sorted[(int)(sorted.Length * 0.90)])} ms | |");
        Console.WriteLine($"| top-50 full pipeline p99 | {F(sorted[(int)(sorted.Length * 0.99)])} ms | ≤ 25 ms |");
        Console.WriteLine($"| mean candidates returned | {F(candidates / (double)needs.Count)} | |");
        Console.WriteLine($"| engine mean on the {peerNeeds} peer needs | {F(enginePeerNeedsMs)} ms | 1× |");
        Console.WriteLine($"| LINQ scan peer, mean | {F(linqMs)} ms | engine is {F(linqMs / enginePeerNeedsMs)}× faster (goal ≥ 20×) |");
        Console.WriteLine($"| SQLite GROUP BY peer, mean | {F(sqlMs)} ms | engine is {F(sqlMs / enginePeerNeedsMs)}× faster (goal ≥ 10×) |");
        Console.WriteLine($"| SQLite peer table load + index | {F(sqlLoadMs / 1000)} s | |");
        Console.WriteLine($"| learned ranking: heuristic + monotone correction for 1,000 candidates ({trees} trees, {nodes} nodes) | {F(scoreMs)} ms | ≤ 2 ms |");
        Console.WriteLine();
        Console.WriteLine($"Taxonomy suite (seed 2025, 200 needs, 4,000 profiles; grade 2 same occupation, 1 same ISCO unit group), {F(suiteSeconds)} s:");
        Console.WriteLine();
        Console.WriteLine("| ranker | NDCG@10 | P@10 | Recall@100 |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var row in suiteRows)
        {
            Console.WriteLine(string.Create(invariant, $"| {row.Ranker} | {row.Quality.Ndcg10:F3} | {row.Quality.P10:F3} | {row.Quality.Recall100:F3} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"Engine against Lucene.NET 4.8 BM25: {speed.Profiles:N0} synthetic profiles, {speed.Queries} needs' skills, top {speed.Top}, single-threaded:");
        Console.WriteLine();
        Console.WriteLine("| measure | p50 | mean | Lucene mean / this mean |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| Lucene.NET BM25 (BooleanQuery of SHOULD terms; index build {F(speed.IndexBuildSeconds)} s, MMapDirectory) | {F(speed.LuceneP50)} ms | {F(speed.LuceneMean)} ms | 1× |");
        Console.WriteLine($"| engine matcher, full pipeline | {F(speed.MatcherP50)} ms | {F(speed.MatcherMean)} ms | {F(speed.LuceneMean / speed.MatcherMean)}× |");
        Console.WriteLine($"| engine textbook BM25 (skills only, like Lucene) | {F(speed.Bm25P50)} ms | {F(speed.Bm25Mean)} ms | {F(speed.LuceneMean / speed.Bm25Mean)}× |");
        Console.WriteLine();
        Console.WriteLine($"Total {F(total.Elapsed.TotalSeconds)} s");
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
