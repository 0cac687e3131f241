using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Outcomes;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Features.Reports;

public enum ReportPeriod
{
    Month,
    Quarter,
}

public sealed record DecisionReportResponse(
    DateOnly From, DateOnly To, ReportPeriod Period, int TopK, ProposalAdherence Adherence, IReadOnlyList<ReportTableJson> Tables, IReadOnlyList<string> Notes)
{
    /// <summary>The tables themselves, for CSV and xlsx; the JSON carries <see cref="Tables"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<ReportTable> Raw { get; init; } = [];
}

/// <summary>
/// The decision report (issue 12, docs/fairness.md): per month or quarter, how often caseworkers
/// proposed clients outside the ranking's top 10, the reasons they recorded, and how far the model
/// and the caseworkers agreed. The human decides; this shows how.
/// </summary>
public static class DecisionReport
{
    public const int TopK = FairnessReport.TopK;

    /// <summary>Reasons are free text: shown trimmed and cut to this length, grouped ignoring case.</summary>
    public const int MaxReasonLength = 120;

    public static string PeriodOf(DateOnly date, ReportPeriod period) => period == ReportPeriod.Quarter
        ? string.Create(CultureInfo.InvariantCulture, $"{date.Year}-Q{((date.Month - 1) / 3) + 1}")
        : date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static async Task<DecisionReportResponse> BuildAsync(SkillsMatchDbContext db, DateOnly from, DateOnly to, ReportPeriod period, CancellationToken ct)
    {
        var outcomes = await db.Outcomes.AsNoTracking()
            .Where(o => o.Date >= from && o.Date <= to)
            .Select(o => new { o.Date, o.Stage, o.RankAtProposal, o.PassOverReason })
            .ToListAsync(ct);

        // Every period between from and to has a row, empty ones too, so agreement reads as a series.
        var periods = new List<string>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var label = PeriodOf(month, period);
            if (periods.Count == 0 || periods[^1] != label)
            {
                periods.Add(label);
            }
        }

        var decisions = new ReportTable("decisions", Texts.Pick("Entscheidungen: Vorschläge und Rangfolge", "Decisions: proposals and the ranking"),
        [
            new("period", Texts.Pick("Zeitraum", "Period"), ColumnKind.Text),
            new("proposals", Texts.Pick("Vorschläge", "Proposals"), ColumnKind.Count),
            new("insideTopK", Texts.Pick($"Aus den Top {TopK}", $"Within the top {TopK}"), ColumnKind.Count),
            new("belowTopK", Texts.Pick($"Angezeigt, aber unter Rang {TopK}", $"Shown below rank {TopK}"), ColumnKind.Count),
            new("notShown", Texts.Pick("Ohne angezeigten Rang", "Without a shown rank"), ColumnKind.Count),
            new("outsideTopK", Texts.Pick($"Außerhalb der Top {TopK} (gesamt)", $"Outside the top {TopK} (total)"), ColumnKind.Count),
            new("agreement", Texts.Pick($"Übereinstimmung (Anteil aus den Top {TopK})", $"Agreement (share within the top {TopK})"), ColumnKind.Ratio),
            new("meanRank", Texts.Pick("Mittlerer Rang der Vorgeschlagenen", "Mean rank of the proposed"), ColumnKind.Ratio),
            new("withPassOverReason", Texts.Pick("Mit Begründung des Übergehens", "With a pass-over reason"), ColumnKind.Count),
            new("hires", Texts.Pick("Einstellungen", "Hires"), ColumnKind.Count),
        ]);
        var reasons = new ReportTable("passOverReasons", Texts.Pick("Begründungen für das Übergehen höher gereihter Klienten", "Reasons for passing over higher-ranked clients"),
        [
            new("period", Texts.Pick("Zeitraum", "Period"), ColumnKind.Text),
            new("reason", Texts.Pick("Begründung", "Reason"), ColumnKind.Text),
            new("proposals", Texts.Pick("Vorschläge", "Proposals"), ColumnKind.Count),
        ]);

        var byPeriod = outcomes.ToLookup(o => PeriodOf(o.Date, period));
        foreach (var label in periods)
        {
            var rows = byPeriod[label].ToList();
            var inside = rows.Count(o => o.RankAtProposal <= TopK);
            var below = rows.Count(o => o.RankAtProposal > TopK);
            var ranked = rows.Where(o => o.RankAtProposal is not null).Select(o => o.RankAtProposal!.Value).ToList();
            decisions.Add(
                label,
                rows.Count,
                inside,
                below,
                rows.Count - inside - below,
                rows.Count - inside,
                rows.Count == 0 ? null : inside / (double)rows.Count,
                ranked.Count == 0 ? null : ranked.Average(),
                rows.Count(o => !string.IsNullOrWhiteSpace(o.PassOverReason)),
                rows.Count(o => o.Stage == OutcomeStage.Hired));

            foreach (var reason in rows.Where(o => !string.IsNullOrWhiteSpace(o.PassOverReason))
                .GroupBy(o => Shorten(o.PassOverReason!), StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                reasons.Add(label, reason.Key, reason.Count());
            }
        }

        decisions.Notes.Add(Texts.Pick(
            $"Ein Vorschlag ist jedes erfasste Ergebnis (Proposed, Invited, Hired, Rejected) mit Datum im Zeitraum; Rang beim Vorschlag aus der angezeigten Liste. Ohne Rang: nicht aus einer angezeigten Liste.",
            $"A proposal is every recorded outcome (Proposed, Invited, Hired, Rejected) dated within the period; its rank is the rank at proposal in the list shown. Without a rank: not proposed from a shown list."));
        reasons.Notes.Add(Texts.Pick(
            "Begründungen sind Freitext der Fallmanager, gekürzt und ohne Groß-/Kleinschreibung zusammengefasst.",
            "Reasons are caseworkers' free text, shortened and grouped ignoring case."));

        return new DecisionReportResponse(from, to, period, TopK, await RankerHost.AdherenceAsync(db, ct),
            [ReportTableJson.From(decisions), ReportTableJson.From(reasons)], [])
        {
            Raw = [decisions, reasons],
        };
    }

    private static string Shorten(string reason)
    {
        var text = string.Join(' ', reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxReasonLength ? text : text[..MaxReasonLength] + "…";
    }
}
