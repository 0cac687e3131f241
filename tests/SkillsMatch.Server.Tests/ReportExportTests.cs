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
}
