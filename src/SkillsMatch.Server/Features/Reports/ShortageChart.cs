using SkillsMatch.Server.Api;

namespace SkillsMatch.Server.Features.Reports;

/// <summary>
/// The top shortages of a demand table as a bar chart (ScottPlot): per region (and occupation,
/// ISCO group or skill) over the whole period, the open headcount beside the clients ready now,
/// the ten largest gaps first. Drawn from the table after suppression: a suppressed client count
/// has no bar and its label says so, so the chart shows nothing the table hides.
/// </summary>
public static class ShortageChart
{
    public const int Top = 10;

    public static (string Label, double Open, double? Ready)[] Bars(ReportTable table)
    {
        int Column(string key) => table.Columns.Select((c, i) => (c, i)).First(x => x.c.Key == key).i;
        var region = Column("region");
        var group = table.Columns.Any(c => c.Key == "group") ? Column("group") : -1;
        var regionCode = Column("regionCode");
        var open = Column("openHeadcount");
        var ready = Column("readyNow");
        return [.. table.Rows
            .Where(r => r[regionCode] is string code && code.Length > 0)
            .GroupBy(r => group < 0 ? (string)r[region]! : $"{r[region]} · {r[group]}")
            .Select(g => (
                Label: g.Key,
                Open: g.Sum(r => r[open] is int n ? n : 0),
                Ready: g.Any(r => Suppression.IsSuppressed(r[ready])) ? (double?)null : g.Sum(r => r[ready] is int n ? n : 0)))
            .Where(b => b.Open > 0)
            .OrderByDescending(b => b.Open - (b.Ready ?? 0))
            .ThenBy(b => b.Label, StringComparer.Ordinal)
            .Take(Top)
            .Select(b => (b.Label, (double)b.Open, b.Ready))];
    }

    /// <summary>The chart as SVG text or PNG bytes, 900 × 500 pixels, German labels by default.</summary>
    public static byte[] Draw(ReportTable table, DemandQuery query, bool png)
    {
        var bars = Bars(table);
        var plot = new ScottPlot.Plot();
        var openBars = new List<ScottPlot.Bar>();
        var ticks = new List<ScottPlot.Tick>();
        for (var i = 0; i < bars.Length; i++)
        {
            var (label, open, ready) = bars[i];
            var y = bars.Length - 1 - i;
            openBars.Add(new ScottPlot.Bar { Position = y + 0.2, Value = open, Size = 0.38, FillColor = ScottPlot.Color.FromHex("#c0392b"), Orientation = ScottPlot.Orientation.Horizontal });
            if (ready is { } r)
            {
                openBars.Add(new ScottPlot.Bar { Position = y - 0.2, Value = r, Size = 0.38, FillColor = ScottPlot.Color.FromHex("#2e86c1"), Orientation = ScottPlot.Orientation.Horizontal });
            }

            ticks.Add(new ScottPlot.Tick(y, ready is null ? $"{label} (*)" : label));
        }

        plot.Add.Bars(openBars);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Margins(left: 0);
        plot.Title(Texts.Pick($"Größte Engpässe {query.From:dd.MM.yyyy}–{query.To:dd.MM.yyyy}", $"Largest shortages {query.From:yyyy-MM-dd} to {query.To:yyyy-MM-dd}"));
        plot.XLabel(Texts.Pick("rot: offene Stellen (Köpfe) · blau: sofort passende Klienten · (*) unterdrückt", "red: open headcount · blue: clients ready now · (*) suppressed"));
        if (bars.Length == 0)
        {
            plot.Add.Annotation(Texts.Pick("Keine offenen Bedarfe im Zeitraum.", "No open needs in the period."));
        }

        return png ? plot.GetImageBytes(900, 500, ScottPlot.ImageFormat.Png) : System.Text.Encoding.UTF8.GetBytes(plot.GetSvgXml(900, 500));
    }
}
