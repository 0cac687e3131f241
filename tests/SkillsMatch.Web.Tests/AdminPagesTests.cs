using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Web.Tests;

/// <summary>The admin pages in chromium: the audit log with filters, the accounts and the model cards.</summary>
[Collection(WebCollection.Name)]
public sealed class AdminPagesTests(WebApp app)
{
    [BrowserFact]
    public async Task Admin_filters_the_audit_log_by_the_caseworker_and_sees_their_entries()
    {
        // The demo caseworker lists clients through the API: an audited read.
        var caseworker = await app.SignedInAsync(Roles.Caseworker);
        caseworker.SetDefaultTimeout(PlannerPagesTests.ColdReport);
        var listed = await caseworker.APIRequest.GetAsync("/api/clients?pageSize=3");
        Assert.Equal(200, listed.Status);
        await caseworker.Context.CloseAsync();
        var caseworkerEmail = DemoAccounts.Email(Roles.Caseworker);
        var expected = await app.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.Email == caseworkerEmail).Select(u => u.Id).SingleAsync();
            return await db.AuditLog.CountAsync(e => e.UserId == id);
        });
        Assert.True(expected > 0);

        var page = await app.SignedInAsync(Roles.Admin);

        page.SetDefaultTimeout(PlannerPagesTests.ColdReport);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Protokoll" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Protokoll der Zugriffe auf Klientendaten");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("Konto").SelectOptionAsync(new SelectOptionValue { Label = caseworkerEmail });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("Account=", StringComparison.Ordinal));
        var table = page.GetByRole(AriaRole.Table);
        await Assertions.Expect(table.Locator("caption")).ToContainTextAsync($"von {expected}");
        var rows = table.Locator("tbody tr");
        Assert.Equal(Math.Min(expected, 50), await rows.CountAsync());
        foreach (var account in await rows.Locator("td:nth-child(2)").AllInnerTextsAsync())
        {
            Assert.Equal(caseworkerEmail, account);
        }

        await Assertions.Expect(table.GetByRole(AriaRole.Cell, new() { Name = "/api/clients", Exact = false }).First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // A filter with nothing in it says so.
        await page.GetByLabel("Aktion").SelectOptionAsync("Delete");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Keine Einträge für diese Auswahl.")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Admin_sees_the_demo_accounts_creates_one_and_the_model_cards()
    {
        var page = await app.SignedInAsync(Roles.Admin);
        page.SetDefaultTimeout(PlannerPagesTests.ColdReport);
        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Konten und Rollen");
        var accounts = page.GetByRole(AriaRole.Table);
        foreach (var role in Roles.All)
        {
            await Assertions.Expect(accounts.GetByRole(AriaRole.Rowheader, new() { Name = DemoAccounts.Email(role), Exact = true })).ToBeVisibleAsync();
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // A provider account without its provider: the rule of the API, shown at the field.
        var email = $"traeger-{Guid.NewGuid():N}@example.org";
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Rolle", new() { Exact = true }).SelectOptionAsync(Roles.TrainingProvider);
        await page.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Bildungsträger");
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Bildungsträger (Rolle Bildungsträger)")).ToBeFocusedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("Bildungsträger (Rolle Bildungsträger)").FillAsync("Neuer Träger");
        await page.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync(email);
        var password = await page.Locator("#generated-password").InnerTextAsync();
        Assert.Equal(20, password.Length);
        await Assertions.Expect(accounts.GetByRole(AriaRole.Rowheader, new() { Name = email, Exact = true })).ToBeVisibleAsync();
        var created = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal("Neuer Träger", created.Provider);

        // Locked, the account cannot sign in.
        await page.GetByRole(AriaRole.Button, new() { Name = $"{email} sperren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("gesperrt");
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync()) > app.Clock.GetUtcNow());
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Ranking-Modelle" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ranking-Modelle");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Modellkarten" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
