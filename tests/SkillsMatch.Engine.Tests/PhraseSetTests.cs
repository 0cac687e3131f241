using System.Diagnostics;
using SkillsMatch.Engine.Intake;
using SkillsMatch.Engine.Reference;
using Xunit.Abstractions;

namespace SkillsMatch.Engine.Tests;

/// <summary>
/// The acceptance set of issue 13: everyday employer and caseworker phrases (Fixtures/intake-phrases.csv,
/// from KldB job titles and job-ad wording, not from the synonym list), each with the answers a
/// caseworker accepts. Every third concept group is held out and was not looked at while tuning.
/// A second held-out set (Fixtures/intake-phrases-holdout2.csv, concepts not in the first file) was written
/// before the search was changed again; only its share is printed, never its misses, so it stays clean.
/// </summary>
[Collection(ReferenceDataCollection.Name)]
public sealed class PhraseSetTests(ReferenceDataFixture fixture, ITestOutputHelper output)
{
    private sealed record Phrase(string Text, string Source, HashSet<string> Acceptable, bool Holdout);

    private static readonly Lazy<List<Phrase>> s_phrases = new(() => Load("intake-phrases.csv"));
    private static readonly Lazy<List<Phrase>> s_holdout2 = new(() => Load("intake-phrases-holdout2.csv"));

    // Issue 13 asks for 95 %. Measured 2026-11-26: first file 89.9 % (tune 93.9 %, holdout 82.2 %); the second
    // held-out set 85.8 % (84.4 % clean, before the second round of changes); both together 88.7 %. The test
    // holds the measured floors against regressions and the gap stays visible in docs/intake.md.
    private const double IssueTarget = 0.95;
    private const double MeasuredFloor = 0.89;
    private const double MeasuredCombinedFloor = 0.88;

    [Fact]
    public void The_share_of_phrases_with_an_acceptable_hit_in_the_top_3_does_not_fall()
    {
        var phrases = s_phrases.Value;
        Assert.True(phrases.Count >= 300);
        Assert.True(phrases.Count(p => p.Holdout) >= 100);

        // A search of its own, so the index build is measured even when another test built the shared one.
        var search = new TermSearch(fixture.Reference);
        var clock = Stopwatch.StartNew();
        var labels = search.Prepare();
        output.WriteLine($"index build {clock.ElapsedMilliseconds} ms ({labels} labels)");

        clock.Restart();
        var found = phrases.Select(p => (Phrase: p, Hits: search.Search(p.Text, 3))).ToList();
        output.WriteLine($"{phrases.Count} searches in {clock.ElapsedMilliseconds} ms ({clock.Elapsed.TotalMilliseconds / phrases.Count:F2} ms each)");

        var naive = new NaiveTermSearch(fixture.Reference);
        var baseline = phrases.Select(p => (Phrase: p, Hits: naive.Search(p.Text, 3))).ToList();

        Report("naive baseline (commit 0a8c7be)", baseline, misses: false);
        var total = Report("TermSearch", found, misses: true);

        // The second held-out set: its share only, never its misses (they must not steer tuning).
        var second = s_holdout2.Value;
        Assert.True(second.Count >= 150);
        var secondFound = second.Select(p => (Phrase: p, Hits: search.Search(p.Text, 3))).ToList();
        var secondShare = (double)secondFound.Count(Accepted) / secondFound.Count;
        output.WriteLine($"holdout2: {secondShare:P1} of {second.Count}; {secondFound.Count(r => r.Hits.Count == 0)} with no hit at all (misses not printed)");
        var combined = (double)(found.Count(Accepted) + secondFound.Count(Accepted)) / (found.Count + secondFound.Count);
        output.WriteLine($"combined: {combined:P1} of {found.Count + secondFound.Count}");

        output.WriteLine(total >= IssueTarget ? "issue target of 95 % met" : $"issue target of 95 % not met ({total:P1})");
        Assert.True(total >= MeasuredFloor, $"share {total:P1} fell below the measured {MeasuredFloor:P0}");
        Assert.True(combined >= MeasuredCombinedFloor, $"combined share {combined:P1} fell below the measured {MeasuredCombinedFloor:P0}");
    }

    [Fact]
    public void Every_acceptable_answer_in_the_fixture_exists_in_the_reference_data()
    {
        var reference = fixture.Reference;
        foreach (var answer in s_phrases.Value.Concat(s_holdout2.Value).SelectMany(p => p.Acceptable).Distinct())
        {
            var (kind, id) = (answer[..answer.IndexOf(':', StringComparison.Ordinal)], answer[(answer.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            var exists = kind switch
            {
                "skill" => reference.Taxonomy.FindSkill(id) is not null,
                "occupation" => reference.Taxonomy.FindOccupation(id) is not null,
                "certificate" => reference.Vocabulary.FindCertificate(id) is not null,
                "language" => reference.Vocabulary.FindLanguage(id) is not null,
                _ => false,
            };
            Assert.True(exists, answer);
        }
    }

    private static bool Accepted((Phrase Phrase, IReadOnlyList<TermHit> Hits) r) =>
        r.Hits.Any(h => r.Phrase.Acceptable.Contains(Key(h)));

    private double Report(string name, List<(Phrase Phrase, IReadOnlyList<TermHit> Hits)> results, bool misses)
    {

        static double Share(IEnumerable<(Phrase Phrase, IReadOnlyList<TermHit> Hits)> part)
        {
            var list = part.ToList();
            return list.Count == 0 ? 0 : (double)list.Count(Accepted) / list.Count;
        }

        var tune = Share(results.Where(r => !r.Phrase.Holdout));
        var holdout = Share(results.Where(r => r.Phrase.Holdout));
        var total = Share(results);
        var empty = results.Count(r => r.Hits.Count == 0);
        output.WriteLine($"{name}: tune {tune:P1}, holdout {holdout:P1}, total {total:P1} of {results.Count}; {empty} with no hit at all");
        if (misses)
        {
            foreach (var (phrase, hits) in results.Where(r => !Accepted(r)))
            {
                var rank = fixture.Reference.Terms.Search(phrase.Text, 20).ToList().FindIndex(h => phrase.Acceptable.Contains(Key(h)));
                output.WriteLine($"  miss [{(phrase.Holdout ? "holdout" : "tune")}] '{phrase.Text}' (first acceptable at {(rank < 0 ? "-" : (rank + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}) → {string.Join("; ", hits.Select(h => $"{h.Kind} {h.Label} ({h.Score})"))}");
            }
        }

        return total;
    }

    private static string Key(TermHit hit) => $"{hit.Kind.ToString().ToLowerInvariant()}:{hit.Id}";

    private static List<Phrase> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", file);
        return CsvFiles.Read(path, csv => new Phrase(
            csv.Text("phrase"),
            csv.Text("source"),
            csv.Text("acceptable").Split('|').ToHashSet(StringComparer.Ordinal),
            csv.Text("split") is "holdout" or "holdout2"));
    }
}
