using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Ranking;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Outcomes;

namespace SkillsMatch.Server.Features.Ranking;

/// <summary>Training examples built from impressions, with their position-bias table.</summary>
public sealed record ImpressionTraining(List<LabeledExample> Examples, PositionBias Bias, int Lists, int Shown, int Unshown, int OutcomesWithoutImpression);

/// <summary>
/// Turns the lists people were shown into training groups (docs/ranker.md): one group per list,
/// each row labelled by the outcome that followed for its need and client (hired 3, invited 2,
/// proposed or rejected after proposal 1, shown and passed over 0), positive rows weighted by the
/// inverse of the examination propensity of their rank, plus a few retrieved clients below the
/// shown depth as 0.
/// </summary>
public static class ImpressionExamples
{
    public static async Task<ImpressionTraining> BuildAsync(SkillsMatchDbContext db, Matcher matcher, int unshownPerList, CancellationToken ct)
    {
        var impressions = await db.Impressions.AsNoTracking().OrderBy(i => i.ListId).ThenBy(i => i.Rank).ToListAsync(ct);
        var outcomes = await db.Outcomes.AsNoTracking().Select(o => new { o.NeedId, o.ClientId, o.Stage, o.Date, o.ImpressionId }).ToListAsync(ct);
        var needIds = impressions.Select(i => i.NeedId).Concat(outcomes.Select(o => o.NeedId)).Distinct().ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.ToProfile(), ct);

        var byPair = outcomes.Where(o => o.ClientId is not null).ToLookup(o => (o.NeedId, ClientId: o.ClientId!.Value));
        var byImpression = outcomes.Where(o => o.ImpressionId is not null).ToLookup(o => o.ImpressionId!.Value);
        var shownPairs = impressions.Select(i => (i.NeedId, i.ClientId)).ToHashSet();

        // Label: the best outcome of the pair recorded on or after the day the row was shown, or linked to it.
        var rows = new List<(Impression Impression, float Label, float[] Features, DateOnly Date)>(impressions.Count);
        foreach (var impression in impressions)
        {
            var date = DateOnly.FromDateTime(impression.ShownAt.UtcDateTime);
            // A deleted client's rows keep their features and the outcomes linked to them, not the person.
            var label = (impression.ClientId is { } clientId ? byPair[(impression.NeedId, clientId)] : byImpression[impression.Id])
                .Where(o => o.ImpressionId == impression.Id || (o.ImpressionId is null && o.Date >= date))
                .Select(o => Grade(o.Stage))
                .DefaultIfEmpty(0)
                .Max();
            var features = impression.FeatureSchema == CandidateFeatures.SchemaVersion && impression.Features.Length == CandidateFeatures.Names.Length * sizeof(float)
                ? Impression.Unpack(impression.Features)
                : impression.ClientId is { } client && needs.TryGetValue(impression.NeedId, out var need) ? matcher.FeaturesOf(need, client, date)?.ToArray() : null;
            if (features is not null)
            {
                rows.Add((impression, label, features, date));
            }
        }

        var bias = PositionBias.Estimate(rows.Select(r => (r.Impression.Rank, r.Label > 0)));
        var examples = new List<LabeledExample>(rows.Count + (unshownPerList * 64));
        var group = 0;
        var unshown = 0;
        foreach (var list in rows.GroupBy(r => r.Impression.ListId))
        {
            group++;
            foreach (var (impression, label, features, date) in list)
            {
                examples.Add(new LabeledExample(impression.NeedId, impression.ClientId ?? AnonymousId(impression.Id), label, features, date, bias.Weight(impression.Rank, label), group));
            }

            // Retrieved but not shown: the clients right below the shown depth of a need's list, as passed over.
            var first = list.First().Impression;
            if (unshownPerList > 0 && first.Kind != ListKind.Matches && needs.TryGetValue(first.NeedId, out var need))
            {
                var date = list.First().Date;
                var inList = list.Select(r => r.Impression.ClientId).ToHashSet();
                var below = matcher.CandidatesFor(need, list.Count() + unshownPerList, date, Engine.Taxonomy.Language.German)
                    .Where(c => !inList.Contains(c.ClientId) && !byPair[(need.Id, c.ClientId)].Any())
                    .Take(unshownPerList);
                foreach (var candidate in below)
                {
                    examples.Add(new LabeledExample(need.Id, candidate.ClientId, 0, candidate.Features.ToArray(), date, 1, group));
                    unshown++;
                }
            }
        }

        // Outcomes of pairs never shown (recorded before impressions existed): one group per need, graded as before.
        var orphans = outcomes.Where(o => o.ClientId is not null && !shownPairs.Contains((o.NeedId, o.ClientId))).ToList();
        foreach (var perNeed in orphans.GroupBy(o => o.NeedId).OrderBy(g => g.Key))
        {
            group++;
            foreach (var outcome in perNeed)
            {
                if (needs.TryGetValue(outcome.NeedId, out var need) && matcher.FeaturesOf(need, outcome.ClientId!.Value, outcome.Date) is { } features)
                {
                    examples.Add(new LabeledExample(outcome.NeedId, outcome.ClientId.Value, RankerHost.Grade(outcome.Stage), features.ToArray(), outcome.Date, 1, group));
                }
            }
        }

        return new ImpressionTraining(examples, bias, group, rows.Count, unshown, orphans.Count);
    }

    /// <summary>A stand-in client id for a row whose client was deleted: negative, so it never equals a real one.</summary>
    private static int AnonymousId(long impressionId) => -(int)Math.Min(int.MaxValue, impressionId);

    /// <summary>Hired 3, invited 2, proposed 1; a rejection came after a proposal, so it counts as proposed.</summary>
    public static float Grade(OutcomeStage stage) => stage switch
    {
        OutcomeStage.Hired => 3,
        OutcomeStage.Invited => 2,
        _ => 1,
    };
}
