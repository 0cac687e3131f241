using System.Globalization;
using System.Text;
using SkillsMatch.Engine.Ranking;

namespace SkillsMatch.Server.Features.Ranking;

/// <summary>The metrics table and model card as `train` and `evaluate` print them.</summary>
public static class ModelReport
{
    public static string Format(ModelCard card)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Model {card.Version} — {card.Decision}");
        text.AppendLine(c, $"Trained {card.TrainedAt:u} on {card.TrainingExamples} outcomes of {card.TrainingNeeds} needs ({card.OutcomesFrom:yyyy-MM-dd} to {card.OutcomesTo:yyyy-MM-dd}); held out {card.HeldOutNeeds} needs; training took {card.TrainingSeconds:F2} s.");
        text.AppendLine(c, $"Features (schema {card.FeatureSchema}): {string.Join(", ", card.Features)}");
        text.AppendLine();
        text.AppendLine("| ranker | NDCG@1 | NDCG@3 | NDCG@5 | NDCG@10 | MAP |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Row(text, "new model (LightGBM)", card.Model);
        if (card.ActiveBefore is { } active)
        {
            Row(text, "active model before", active);
        }

        Row(text, "heuristic", card.Heuristic);
        text.AppendLine();
        text.Append(c, $"Intended use: {card.IntendedUse}");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, RankingQuality q) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {q.Ndcg1:F3} | {q.Ndcg3:F3} | {q.Ndcg5:F3} | {q.Ndcg10:F3} | {q.Map:F3} |");
}
