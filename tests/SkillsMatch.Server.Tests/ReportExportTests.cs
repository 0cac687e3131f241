using System.Net;
using System.Net.Http.Json;
using System.Text;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Tests;

/// <summary>The fairness and decision reports leave as CSV and xlsx through the shared writer, formula cells neutralised.</summary>
public sealed class ReportExportTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    [Fact]
    public async Task A_pass_over_reason_that_looks_like_a_formula_is_neutralised_in_the_decision_csv_and_xlsx()
    {
        var caseworker = factory.CreateClient();
        var employer = await caseworker.CreateEmployerAsync();
        var need = await caseworker.CreateNeedAsync(employer);
        var client = (await caseworker.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        var outcome = await caseworker.PostAsJsonAsync("/api/outcomes", new
        {
            needId = need,
            clientId = client,
            stage = "Proposed",
            date = factory.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            passOverReason = "=HYPERLINK(\"http://evil.example\",\"klick\")",
        });
        Assert.Equal(HttpStatusCode.Created, outcome.StatusCode);
        var planner = factory.CreateClientAs(Roles.Planner);

        var csv = await planner.GetAsync("/api/reports/decisions?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "German Excel dialect starts with a BOM");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain(";=HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain(";\"=HYPERLINK", text, StringComparison.Ordinal);

        var xlsx = await planner.GetAsync("/api/reports/decisions?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var cells = MiniExcelLibs.MiniExcel.GetSheetNames(stream)
            .SelectMany(sheet => MiniExcelLibs.MiniExcel.Query(stream, sheetName: sheet).Cast<IDictionary<string, object?>>())
            .SelectMany(row => row.Values).OfType<string>().ToList();
        Assert.Contains(cells, c => c.StartsWith("'=HYPERLINK", StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.StartsWith("=HYPERLINK", StringComparison.Ordinal));

        var fairness = await planner.GetAsync("/api/reports/fairness?format=csv&dialect=rfc4180");
        Assert.Equal(HttpStatusCode.OK, fairness.StatusCode);
        Assert.Equal("text/csv", fairness.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["format"], await (await planner.GetAsync("/api/reports/fairness?format=pdf")).ProblemFieldsAsync());
    }

    [Fact]
    public async Task The_top_shortages_are_drawn_as_svg_and_png_with_German_labels()
    {
        var caseworker = factory.CreateClient();
        var employer = await caseworker.CreateEmployerAsync();
        await caseworker.CreateNeedAsync(employer, b => b.With("headcount", 7));
        var planner = factory.CreateClientAs(Roles.Planner);
        const string query = "/api/reports/demand/chart?by=county&from=2027-01-01&to=2027-12-31";

        var svg = await planner.GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var text = await svg.Content.ReadAsStringAsync();
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.Contains("Größte Engpässe", text, StringComparison.Ordinal);
        Assert.Contains("Mainz-Bingen", text, StringComparison.Ordinal);

        var png = await planner.GetAsync(query + "&format=png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        if (Environment.GetEnvironmentVariable("SKILLSMATCH_KEEP_CHART") is { Length: > 0 } keep)
        {
            File.WriteAllBytes(keep, bytes);
        }

        Assert.Equal(["format"], await (await planner.GetAsync(query + "&format=gif")).ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync(query)).StatusCode);
    }
}

public sealed class FairnessSuppressionTests
{
    [Fact]
    public void A_single_small_group_is_hidden_with_the_next_smallest_of_its_attribute_so_shares_cannot_recover_it()
    {
        var table = new Features.Reports.ReportTable("exposure", "Exposure",
        [
            new("dimension", "Merkmal", Features.Reports.ColumnKind.Text),
            new("group", "Gruppe", Features.Reports.ColumnKind.Text),
            new("clients", "Klienten", Features.Reports.ColumnKind.ClientCount),
            new("share", "Anteil", Features.Reports.ColumnKind.Ratio),
            new("finding", "Befund", Features.Reports.ColumnKind.Text),
        ]);
        table.Add("gender", "female", 40, 0.4, "within").Add("gender", "male", 58, 0.58, "within").Add("gender", "diverse", 2, 0.02, "over");
        table.Add("disability", "yes", 10, 0.1, "within").Add("disability", "no", 90, 0.9, "within");

        Features.Reports.SmallCounts.Suppress(table, "dimension", "finding");

        bool Hidden(int row) => ReferenceEquals(table.Rows[row][2], Features.Reports.ReportTable.Suppressed) && ReferenceEquals(table.Rows[row][3], Features.Reports.ReportTable.Suppressed);
        Assert.True(Hidden(2), "the small group");
        Assert.True(Hidden(0), "the next smallest of the same attribute");
        Assert.False(Hidden(1));
        Assert.False(Hidden(3));
        Assert.False(Hidden(4));

        // What stays visible of the attribute no longer determines either hidden share.
        var visibleShare = table.Rows.Where(r => (string)r[0]! == "gender" && r[3] is double).Sum(r => (double)r[3]!);
        Assert.Equal(0.58, visibleShare, 6);
        Assert.Equal(2, table.Rows.Count(r => (string)r[0]! == "gender" && r[3] is not double));
    }
}
