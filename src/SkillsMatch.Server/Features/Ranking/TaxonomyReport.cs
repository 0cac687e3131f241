using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Ranking;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Ranking;

/// <summary>
/// `evaluate --suite taxonomy`: the heuristic, the active model, a candidate model trained now
/// (not saved, not promoted) and textbook BM25 on the taxonomy suite, which the project's own
/// outcomes did not generate.
/// </summary>
public static class TaxonomyReport
{
    public const string Bm25Label = "bm25 (textbook; matches Lucene.NET BM25 in tests)";

    public static async Task<string> RunAsync(IServiceProvider services, SkillsMatchDbContext db, CancellationToken ct)
    {
        var reference = services.GetRequiredService<ReferenceData>();
        var options = services.GetRequiredService<IOptions<MatchingOptions>>().Value;
        var ranker = services.GetRequiredService<RankerHost>();
        var suite = TaxonomySuite.Build(reference);

        // The candidate is the model `train` would save now: LightGBM on the training split of the current outcomes.
        var (train, _) = RankingMetrics.SplitByNeed(await ranker.ExamplesAsync(db, ct));
        var candidate = train.Select(e => e.NeedId).Distinct().Count() >= 2 ? RankerTraining.TrainRanker(train, "candidate").Ranker : null;
        var active = await services.GetRequiredService<RankerStore>().CurrentAsync(ct);

        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Taxonomy suite: seed {suite.Seed}, {suite.Cases.Count} needs, {suite.Profiles.Count} profiles; grade 2 same occupation, 1 same ISCO unit group.");
        text.AppendLine();
        text.AppendLine("| ranker | NDCG@10 | P@10 | Recall@100 |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        Row(text, "heuristic", suite.EvaluateMatcher(null, options));
        Row(text, active.Ranker.Model is null ? "active model (none)" : $"active model ({active.Name})", active.Ranker.Model is null ? null : suite.EvaluateMatcher(active.Ranker, options));
        Row(text, $"candidate model (trained now on {train.Count} outcomes, not saved)", candidate is null ? null : suite.EvaluateMatcher(candidate, options));
        Row(text, Bm25Label, suite.EvaluateBm25());
        Row(text, "bm25, nice-to-haves held below one must-have (the heuristic's rule)", suite.EvaluateBm25MustFirst());
        Row(text, "bm25, that rule and no length normalisation", suite.EvaluateBm25MustFirst(lengthNormalised: false));
        Row(text, "bm25, must-haves only", suite.EvaluateBm25MustOnly());
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, TaxonomyQuality? q) =>
        text.AppendLine(q is null
            ? $"| {name} | — | — | — |"
            : string.Create(CultureInfo.InvariantCulture, $"| {name} | {q.Ndcg10:F3} | {q.P10:F3} | {q.Recall100:F3} |"));
}
