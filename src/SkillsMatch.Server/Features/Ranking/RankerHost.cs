using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Ranking;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Outcomes;

namespace SkillsMatch.Server.Features.Ranking;

/// <summary>Proposals with a recorded rank, how many followed the ranking, and how many pass-overs carry a reason.</summary>
public sealed record ProposalAdherence(int ProposalsWithRank, int FollowedRanking, double Share, int PassOverReasons);

/// <summary>Training data from the database, training runs, and how proposals followed the ranking.</summary>
public sealed partial class RankerHost(RankerStore store, IOptions<RankerOptions> options, CandidateIndexHost candidates, ReferenceData reference, IOptions<MatchingOptions> matching, ILogger<RankerHost> logger)
{
    private readonly Lazy<TaxonomySuite> _taxonomy = new(() => TaxonomySuite.Build(reference));

    /// <summary>
    /// Labelled examples: from the impressions when there are any — one group per shown list,
    /// position-bias weighted (<see cref="ImpressionExamples"/>) — else from the recorded outcomes alone.
    /// </summary>
    public async Task<List<LabeledExample>> ExamplesAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        var matcher = await candidates.CurrentAsync(db, ct);
        if (!await db.Impressions.AnyAsync(ct))
        {
            LogNoImpressions(logger);
            return await OutcomeExamplesAsync(db, matcher, ct);
        }

        var training = await ImpressionExamples.BuildAsync(db, matcher, options.Value.UnshownSamplePerList, ct);
        LogImpressionExamples(logger, training.Lists, training.Shown, training.Unshown, training.OutcomesWithoutImpression,
            training.Bias);
        return training.Examples;
    }

    /// <summary>
    /// Labelled examples from recorded outcomes alone (a database without impressions): graded hired 3,
    /// invited 2, proposed 1, rejected 0, grouped by need, with the features as of the outcome's date.
    /// </summary>
    private static async Task<List<LabeledExample>> OutcomeExamplesAsync(SkillsMatchDbContext db, Engine.Matching.Matcher matcher, CancellationToken ct)
    {
        var outcomes = await db.Outcomes.AsNoTracking().OrderBy(o => o.Id).ToListAsync(ct);
        var needIds = outcomes.Select(o => o.NeedId).Distinct().ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.ToProfile(), ct);
        var examples = new List<LabeledExample>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            if (outcome.ClientId is { } client && needs.TryGetValue(outcome.NeedId, out var need) && matcher.FeaturesOf(need, client, outcome.Date) is { } features)
            {
                examples.Add(new LabeledExample(outcome.NeedId, client, Grade(outcome.Stage), features.ToArray(), outcome.Date));
            }
        }

        return examples;
    }

    public async Task<ModelCard> TrainAsync(SkillsMatchDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var examples = await ExamplesAsync(db, ct);
        store.Reload();
        var (model, card) = RankerTraining.Train(examples, await store.CurrentAsync(ct), now, TaxonomyNdcg10);
        await store.SaveAsync(model, card, ct);
        LogTrained(logger, card.Version, card.Model.Ndcg10, card.Heuristic.Ndcg10, card.Decision);
        return card;
    }

    /// <summary>
    /// How often caseworkers' proposals followed the ranking they saw: a proposal follows it when
    /// the candidate's rank is within the number of proposals made for that need.
    /// </summary>
    /// <summary>NDCG@10 of a ranker on the taxonomy suite built from the shipped ESCO data (docs/ranker.md).</summary>
    public double TaxonomyNdcg10(Ranker ranker) => _taxonomy.Value.EvaluateMatcher(ranker, matching.Value).Ndcg10;

    public static async Task<ProposalAdherence> AdherenceAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        var outcomes = await db.Outcomes.AsNoTracking().Select(o => new { o.NeedId, o.RankAtProposal, o.PassOverReason }).ToListAsync(ct);
        var perNeed = outcomes.GroupBy(o => o.NeedId).ToDictionary(g => g.Key, g => g.Count());
        var ranked = outcomes.Where(o => o.RankAtProposal is not null).ToList();
        var followed = ranked.Count(o => o.RankAtProposal <= perNeed[o.NeedId]);
        return new ProposalAdherence(ranked.Count, followed, ranked.Count == 0 ? 0 : followed / (double)ranked.Count, outcomes.Count(o => o.PassOverReason is not null));
    }

    public static float Grade(OutcomeStage stage) => stage switch
    {
        OutcomeStage.Hired => 3,
        OutcomeStage.Invited => 2,
        OutcomeStage.Proposed => 1,
        _ => 0,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "No impressions recorded: training examples come from outcomes alone, grouped by need")]
    private static partial void LogNoImpressions(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training examples from {Lists} lists: {Shown} shown rows, {Unshown} retrieved but not shown, {Orphans} outcomes without impression; propensity by rank {Propensity}")]
    private static partial void LogImpressionExamples(ILogger logger, int lists, int shown, int unshown, int orphans, PositionBias propensity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ranker {Version} trained: NDCG@10 {Model:F3} vs heuristic {Heuristic:F3}; {Decision}")]
    private static partial void LogTrained(ILogger logger, string version, double model, double heuristic, string decision);
}
