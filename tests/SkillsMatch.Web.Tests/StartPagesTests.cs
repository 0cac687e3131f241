using Microsoft.Playwright;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Web.Tests;

/// <summary>The front door, sign-in, a start page per role and the language switch, in chromium.</summary>
[Collection(WebCollection.Name)]
public sealed class StartPagesTests(WebApp app)
{
    [BrowserFact]
    public async Task Front_page_and_sign_in_page_are_german_and_accessible()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Anmelden" }).ClickAsync();
        Assert.EndsWith("/login", page.Url, StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_wrong_password_shows_an_error_summary_linked_to_the_field()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(DemoAccounts.Email(Roles.Planner));
        await page.GetByLabel("Passwort", new() { Exact = true }).FillAsync("falsch-falsch-falsch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("E-Mail-Adresse oder Passwort stimmen nicht.");
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByLabel("E-Mail-Adresse")).ToBeFocusedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Each_role_lands_on_its_own_start_page_and_cannot_open_another_roles_pages()
    {
        (string Role, string Start, string Heading)[] roles =
        [
            (Roles.Employer, "/employer", "Arbeitgeber"),
            (Roles.Caseworker, "/caseworker", "Fallmanagement"),
            (Roles.TrainingProvider, "/provider", "Bildungsträger"),
            (Roles.Planner, "/planner", "Planung"),
            (Roles.Admin, "/admin", "Verwaltung"),
        ];
        foreach (var (role, start, heading) in roles)
        {
            var page = await app.SignedInAsync(role);
            Assert.EndsWith(start, page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            var other = roles.First(r => r.Role != role && !(role == Roles.Admin && r.Role == Roles.Planner)).Start;
            var response = await page.GotoAsync(other);
            Assert.Equal(403, response!.Status);
            await page.Context.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task The_language_switch_turns_the_pages_english_and_back()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Anmelden");
        await page.Context.CloseAsync();
    }
}
