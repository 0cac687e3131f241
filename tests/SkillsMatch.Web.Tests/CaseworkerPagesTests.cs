using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Matching;

namespace SkillsMatch.Web.Tests;

/// <summary>The caseworker's pages in chromium: caseload, a client's matching needs and printable plan, editing with optimistic concurrency, a need's candidates and recording an outcome.</summary>
[Collection(WebCollection.Name)]
public sealed class CaseworkerPagesTests(WebApp app)
{
    /// <summary>The first client of caseload IFK-01 for whom the app's own matcher ranks at least one open need.</summary>
    private async Task<(int Id, string Reference)> ClientWithMatchesAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
        var host = scope.ServiceProvider.GetRequiredService<CandidateIndexHost>();
        var today = scope.ServiceProvider.GetRequiredService<TimeProvider>().Today();
        var snapshot = await host.SnapshotAsync(db, CancellationToken.None);
        var matcher = host.MatcherOver(snapshot);
        var clients = await db.Clients.AsNoTracking().Where(c => c.Caseworker == "IFK-01").OrderBy(c => c.Id).Select(c => new { c.Id, c.Reference }).ToListAsync();
        var client = clients.First(c => matcher.NeedsFor(c.Id, snapshot.OpenNeeds, 1, today, Language.German).Count > 0);
        return (client.Id, client.Reference);
    }

    [BrowserFact]
    public async Task Caseworker_finds_a_client_sees_matching_needs_prints_the_plan_and_proposes_a_candidate_in_one_step()
    {
        var (clientId, reference) = await ClientWithMatchesAsync();
        var page = await app.SignedInAsync(Roles.Caseworker);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The caseload, searched by reference.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Fallbestand" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Fallbestand");
        await Assertions.Expect(page.GetByLabel("Fallkürzel")).ToHaveValueAsync("IFK-01");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Pseudonym (oder ein Teil davon)").FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#result-count")).ToHaveTextAsync("1 Klientinnen und Klienten gefunden.");
        await page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();

        // The client's page: profile and "Passende Bedarfe".
        Assert.EndsWith($"/caseworker/clients/{clientId}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Passende Bedarfe" })).ToBeVisibleAsync();
        var needLinks = page.Locator("ol.matches h3 a");
        Assert.True(await needLinks.CountAsync() > 0, "no matching needs shown");
        await Assertions.Expect(page.Locator("ol.matches > li").First).ToContainTextAsync("Passung:");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var audited = await app.WithDbAsync(db => db.AuditLog.AsNoTracking()
            .Where(e => e.Endpoint == "GET /caseworker/clients/{id}" && e.ClientIds == $",{clientId},").ToListAsync());
        Assert.Contains(audited, e => e.ListId != null && e.Role == Roles.Caseworker && e.Status == 200);
        var needHref = await needLinks.First.GetAttributeAsync("href");

        // The printable plan: its heading, and the navigation is hidden in print.
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan zum Ausdrucken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ihr Plan für den Weg in Arbeit");
        await Assertions.Expect(page.GetByText("Zum Drucken wählen Sie")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" });
        await Assertions.Expect(nav).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(nav).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByText("Zum Drucken wählen Sie")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.Context.CloseAsync();
    }
}
