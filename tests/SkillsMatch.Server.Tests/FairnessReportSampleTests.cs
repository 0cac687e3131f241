using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Features.Accounts;
using Xunit.Abstractions;

namespace SkillsMatch.Server.Tests;

/// <summary>The fairness and decision reports over the sample county, checked against counts made here from the raw rows.</summary>
[Collection(SeededCollection.Name)]
public sealed class FairnessReportSampleTests(SeededSkillsMatchFactory factory, ITestOutputHelper output)
{
    [Fact]
    public async Task On_the_samples_every_dimension_shares_out_the_whole_exposure_and_the_whole_pool()
    {
        var planner = factory.CreateClientAs(Roles.Planner);
        var watch = Stopwatch.StartNew();
        var response = await planner.GetAsync("/api/reports/fairness");
        output.WriteLine($"fairness report on the samples: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        output.WriteLine($"source {report.GetProperty("source").GetString()}, {report.GetProperty("needs").GetInt32()} needs, {report.GetProperty("lists").GetInt32()} lists");
        Assert.True(report.GetProperty("lists").GetInt32() > 0);

        foreach (var table in report.GetProperty("tables").EnumerateArray())
        {
            foreach (var dimension in table.GetProperty("rows").EnumerateArray().GroupBy(r => r.GetProperty("dimension").GetString()))
            {
                var rows = dimension.ToList();
                output.WriteLine(string.Join(" | ", rows.Select(r => $"{table.GetProperty("name")} {r.GetProperty("group")}: {r.GetProperty("share")} vs {r.GetProperty("poolShare")} {r.GetProperty("finding")}")));
                if (rows.Any(r => r.GetProperty("share").ValueKind == JsonValueKind.String))
                {
                    continue; // a suppressed row: the rest no longer adds up, by design
                }

                var share = rows.Sum(r => r.GetProperty("share").GetDouble());
                var poolShare = rows.Sum(r => r.GetProperty("poolShare").GetDouble());
                Assert.True(share == 0 || Math.Abs(share - 1) < 1e-3, $"{table.GetProperty("name")} {dimension.Key}: shares sum to {share}");
                Assert.True(poolShare == 0 || Math.Abs(poolShare - 1) < 1e-3, $"{table.GetProperty("name")} {dimension.Key}: pool shares sum to {poolShare}");
            }
        }
    }

    [Fact]
    public async Task On_the_samples_the_decision_report_counts_every_outcome_of_the_period_once()
    {
        var to = factory.Today;
        var from = new DateOnly(to.Year - 1, 1, 1);
        var report = await (await factory.CreateClientAs(Roles.Planner).GetAsync(
            $"/api/reports/decisions?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&period=quarter")).JsonAsync();

        var outcomes = await factory.WithDbAsync(db => db.Outcomes.AsNoTracking().Where(o => o.Date >= from && o.Date <= to).Select(o => new { o.Date, o.RankAtProposal }).ToListAsync());
        Assert.NotEmpty(outcomes);
        var rows = report.GetProperty("tables")[0].GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(outcomes.Count, rows.Sum(r => r.GetProperty("proposals").GetInt32()));
        Assert.Equal(outcomes.Count(o => o.RankAtProposal <= 10), rows.Sum(r => r.GetProperty("insideTopK").GetInt32()));
        foreach (var row in rows)
        {
            var label = row.GetProperty("period").GetString();
            Assert.Equal(outcomes.Count(o => string.Create(CultureInfo.InvariantCulture, $"{o.Date.Year}-Q{((o.Date.Month - 1) / 3) + 1}") == label), row.GetProperty("proposals").GetInt32());
        }
    }
}
