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
        var gate = card.Gate;
        static string Verdict(bool passed) => passed ? "passed" : "FAILED";
        text.AppendLine(c, $"Gate (a) held-out outcomes: NDCG@10 {gate.ModelOutcomesNdcg10:F4} vs heuristic {gate.HeuristicOutcomesNdcg10:F4}{(gate.ActiveOutcomesNdcg10 is { } a ? $", active {a:F4}" : "")} — {Verdict(gate.OutcomesPassed)}");
        text.AppendLine(c, $"Gate (b) taxonomy suite: NDCG@10 {gate.ModelTaxonomyNdcg10:F4} vs heuristic {gate.HeuristicTaxonomyNdcg10:F4} (tolerance {RankerTraining.TaxonomyTolerance:F2}) — {Verdict(gate.TaxonomyPassed)}");
        text.AppendLine(c, $"Gate (c) monotonicity: {gate.MonotonicityViolations} of {gate.MonotonicityChecks} perturbed vectors scored lower — {Verdict(gate.MonotonicityPassed)}");
        text.AppendLine(c, $"Correction: ±{card.Correction.Bound:F2} fit, raw centre {card.Correction.Center:F4}, spread {card.Correction.Spread:F4}");
        text.AppendLine();
        text.Append(c, $"Intended use: {card.IntendedUse}");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, RankingQuality q) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {q.Ndcg1:F3} | {q.Ndcg3:F3} | {q.Ndcg5:F3} | {q.Ndcg10:F3} | {q.Map:F3} |");
}
