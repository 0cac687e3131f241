using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Web.Tests;

/// <summary>The planner's reports in chromium: filters, tables as the API gives them, the chart and the downloads.</summary>
[Collection(WebCollection.Name)]
public sealed class PlannerPagesTests(WebApp app)
{
    /// <summary>How long a step may take: the first report of a run ranks the period's needs (hundreds) on a cold cache, and on a busy machine that takes a while.</summary>
    public const float ColdReport = 180_000;

    [BrowserFact]
    public async Task Planner_filters_the_demand_report_downloads_the_csv_and_sees_the_chart()
    {
        var page = await app.SignedInAsync(Roles.Planner);
        page.SetDefaultTimeout(ColdReport);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Bedarf und Angebot" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bedarf und Angebot");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // A filter changed: municipal associations instead of the county.
        await page.GetByLabel("Regionsebene").SelectOptionAsync("verbandsgemeinde");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("Level=verbandsgemeinde", StringComparison.Ordinal));
        var table = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.Locator("caption", new() { HasTextString = "Bedarf und Angebot" }) });
        await Assertions.Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "Regionalschlüssel" })).ToBeVisibleAsync();
        var rows = await table.Locator("tbody tr").CountAsync();
        Assert.True(rows > 1, $"{rows} rows");

        // The same rows as the API gives for the same parameters (the CSV link carries them).
        var csvLink = page.GetByRole(AriaRole.Link, new() { Name = "Tabelle als CSV (Excel, Semikolon)" });
        var href = (await csvLink.GetAttributeAsync("href"))!;
        Assert.Contains("by=verbandsgemeinde", href, StringComparison.Ordinal);
        var json = await page.APIRequest.GetAsync(href.Replace("format=csv", "format=json", StringComparison.Ordinal), new() { Timeout = ColdReport });
        Assert.Equal(200, json.Status);
        using (var document = JsonDocument.Parse(await json.BodyAsync()))
        {
            Assert.Equal(document.RootElement.GetProperty("tables")[0].GetProperty("rows").GetArrayLength(), rows);
        }

        var download = await page.RunAndWaitForDownloadAsync(() => csvLink.ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "The CSV starts with the UTF-8 byte order mark.");
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Region;Regionalschlüssel;Zeitraum;Bedarfe;", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > rows, $"{lines.Length} lines for {rows} rows of the first table");
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);

        // The chart: the image loads as SVG, and its values are listed as text.
        var image = page.GetByRole(AriaRole.Figure).GetByRole(AriaRole.Img);
        var src = (await image.GetAttributeAsync("src"))!;
        var chart = await page.APIRequest.GetAsync(src, new() { Timeout = ColdReport });
        Assert.Equal(200, chart.Status);
        Assert.StartsWith("image/svg+xml", chart.Headers["content-type"], StringComparison.Ordinal);
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true, new() { Timeout = ColdReport });
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The chart image rendered.");
        Assert.True(await page.Locator("figcaption ol li").CountAsync() > 0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_bad_period_is_reported_at_the_field()
    {
        var page = await app.SignedInAsync(Roles.Planner);
        page.SetDefaultTimeout(ColdReport);
        await page.GotoAsync("/planner/demand?From=2026-10-01&To=2026-09-01&Level=county&Group=none&Period=month&Horizon=period");
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Ende des Zeitraums fehlt oder liegt vor dem Beginn.");
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Bis")).ToBeFocusedAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Table).CountAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Planner_sees_what_to_commission_with_downloads()
    {
        var page = await app.SignedInAsync(Roles.Planner);
        page.SetDefaultTimeout(ColdReport);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Zu beauftragen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Zu beauftragen");
        var csv = page.GetByRole(AriaRole.Link, new() { Name = "Tabelle als CSV (Excel, Semikolon)" });
        var href = (await csv.GetAttributeAsync("href"))!;
        var json = await page.APIRequest.GetAsync(href.Replace("format=csv", "format=json", StringComparison.Ordinal), new() { Timeout = ColdReport });
        using var document = JsonDocument.Parse(await json.BodyAsync());
        var expected = document.RootElement.GetProperty("tables")[0].GetProperty("rows").GetArrayLength();
        var table = page.GetByRole(AriaRole.Table);
        Assert.Equal(expected, expected == 0 ? 0 : await table.Locator("tbody tr").CountAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Planner_sees_the_decision_report_as_the_api_gives_it()
    {
        var page = await app.SignedInAsync(Roles.Planner);
        page.SetDefaultTimeout(ColdReport);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Entscheidungen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Entscheidungen und Ranking");
        await page.GetByLabel("Zeiteinheit").SelectOptionAsync("quarter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("Period=quarter", StringComparison.Ordinal));
        var href = (await page.GetByRole(AriaRole.Link, new() { Name = "Tabellen als CSV (Excel, Semikolon)" }).GetAttributeAsync("href"))!;
        var json = await page.APIRequest.GetAsync(href.Replace("format=csv", "format=json", StringComparison.Ordinal), new() { Timeout = ColdReport });
        Assert.Equal(200, json.Status);
        using var document = JsonDocument.Parse(await json.BodyAsync());
        var tables = document.RootElement.GetProperty("tables");
        var first = tables[0];
        var expected = first.GetProperty("rows").GetArrayLength();
        Assert.True(expected > 0, "The samples have proposals in the last 12 months.");
        var table = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.Locator("caption", new() { HasTextString = first.GetProperty("title").GetString()! }) });
        Assert.Equal(expected, await table.Locator("tbody tr").CountAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Planner_sees_the_fairness_report_as_the_api_gives_it()
    {
        var page = await app.SignedInAsync(Roles.Planner);
        page.SetDefaultTimeout(ColdReport);
        await page.GotoAsync("/planner/fairness");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Fairness des Rankings");
        var href = (await page.GetByRole(AriaRole.Link, new() { Name = "Tabellen als CSV (Excel, Semikolon)" }).GetAttributeAsync("href"))!;
        var json = await page.APIRequest.GetAsync(href.Replace("format=csv", "format=json", StringComparison.Ordinal), new() { Timeout = ColdReport });
        Assert.Equal(200, json.Status);
        using var document = JsonDocument.Parse(await json.BodyAsync());
        var tables = document.RootElement.GetProperty("tables");
        Assert.True(tables.EnumerateArray().Sum(t => t.GetProperty("rows").GetArrayLength()) > 0, "The samples have lists shown in the last three months.");
        foreach (var expected in tables.EnumerateArray())
        {
            var rows = expected.GetProperty("rows").GetArrayLength();
            if (rows == 0)
            {
                continue;
            }

            var table = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.Locator("caption", new() { HasTextString = expected.GetProperty("title").GetString()! + " (" }) });
            Assert.Equal(rows, await table.Locator("tbody tr").CountAsync());
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_demand_report_speaks_english_when_asked()
    {
        var page = await app.SignedInAsync(Roles.Planner, "en-GB");
        page.SetDefaultTimeout(ColdReport);
        await page.GotoAsync("/planner/demand");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Demand and supply");
        await Assertions.Expect(page.Locator("caption").First).ToContainTextAsync("Demand and supply (");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Table as CSV (Excel, semicolon)" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
