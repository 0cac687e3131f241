using SkillsMatch.Engine.Matching;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Ranking;

/// <summary>One row of a list about to be served: who for what, and the features it was ranked on (empty when unknown).</summary>
public readonly record struct ShownRow(int NeedId, int ClientId, float[] Features);

/// <summary>A served list as recorded: its id and each row's impression id, in rank order.</summary>
public sealed record RecordedList(Guid ListId, IReadOnlyList<long> ImpressionIds);

/// <summary>Records every ranked list served as impressions, in one batched insert per list.</summary>
public static class ImpressionLog
{
    public static async Task<RecordedList> RecordAsync(
        SkillsMatchDbContext db, ListKind kind, string ranker, IReadOnlyList<ShownRow> rows, DateTimeOffset now, CancellationToken ct)
    {
        // Version 7: ordered by time, so list ids sort the way the lists were shown.
        var listId = Guid.CreateVersion7(now);
        var impressions = new Impression[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            impressions[i] = new Impression
            {
                ListId = listId,
                Kind = kind,
                NeedId = rows[i].NeedId,
                ClientId = rows[i].ClientId,
                Rank = i + 1,
                Ranker = ranker,
                FeatureSchema = CandidateFeatures.SchemaVersion,
                Features = Impression.Pack(rows[i].Features),
                ShownAt = now,
            };
        }

        if (impressions.Length > 0)
        {
            db.Impressions.AddRange(impressions);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return new RecordedList(listId, [.. impressions.Select(i => i.Id)]);
    }
}
