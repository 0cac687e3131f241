using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Web.Tests;

/// <summary>The training provider's pages in chromium: only its own courses, and the demand for them.</summary>
[Collection(WebCollection.Name)]
public sealed class ProviderPagesTests(WebApp app)
{
    [BrowserFact]
    public async Task Provider_sees_its_own_courses_only()
    {
        var (provider, titles) = await app.WithDbAsync(async db =>
        {
            var name = await db.Users.Where(u => u.Email == DemoAccounts.Email(Roles.TrainingProvider)).Select(u => u.Provider).SingleAsync();
            return (name!, await db.Courses.Where(c => c.Provider == name).Select(c => c.Title).ToListAsync());
        });
        Assert.NotEmpty(titles);

        var page = await app.SignedInAsync(Roles.TrainingProvider);

        page.SetDefaultTimeout(PlannerPagesTests.ColdReport);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Meine Kurse" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Meine Kurse");
        await Assertions.Expect(page.GetByText($"Kurse von {provider} im Katalog")).ToBeVisibleAsync();
        var shown = await page.GetByRole(AriaRole.Table).Locator("tbody tr th").AllInnerTextsAsync();
        Assert.Equal(titles.Order(StringComparer.Ordinal), shown.Select(t => t.Replace("AZAV", "", StringComparison.Ordinal).Trim()).Order(StringComparer.Ordinal));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Provider_sees_the_demand_for_its_courses_as_the_api_reports_it()
    {
        var page = await app.SignedInAsync(Roles.TrainingProvider);
        page.SetDefaultTimeout(PlannerPagesTests.ColdReport);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Nachfrage" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nachfrage nach Qualifizierung");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The same report from the API, for the region and period the form shows.
        var region = await page.GetByLabel("Region").InputValueAsync();
        var from = await page.GetByLabel("Bedarfsbeginn von").InputValueAsync();
        var to = await page.GetByLabel("bis", new() { Exact = true }).InputValueAsync();
        var answer = await page.APIRequest.GetAsync($"/api/training/cohorts?region={region}&from={from}&to={to}", new() { Timeout = PlannerPagesTests.ColdReport });
        Assert.Equal(200, answer.Status);
        var provider = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Email(Roles.TrainingProvider)).Select(u => u.Provider).SingleAsync());
        using var json = JsonDocument.Parse(await answer.BodyAsync());
        var own = json.RootElement.GetProperty("groupCourses").EnumerateArray().Count(g => g.GetProperty("provider").GetString() == provider);
        var missing = json.RootElement.GetProperty("toCommission").GetArrayLength();
        var ownTable = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.Locator("caption", new() { HasTextString = "Kurstermine" }) });
        Assert.Equal(own, own == 0 ? 0 : await ownTable.Locator("tbody tr").CountAsync());
        var missingTable = page.GetByRole(AriaRole.Table).Filter(new() { Has = page.Locator("caption", new() { HasTextString = "Anforderungen" }) });
        Assert.Equal(missing, missing == 0 ? 0 : await missingTable.Locator("tbody tr").CountAsync());
        await page.Context.CloseAsync();
    }
}
