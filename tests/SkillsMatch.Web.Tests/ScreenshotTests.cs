using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Web.Tests;

/// <summary>
/// Screenshots of the main pages of every role on the sample county. <c>scripts/screenshots.sh</c> runs this test
/// with SKILLSMATCH_SCREENSHOTS=docs/screenshots to refresh the images in the README; otherwise they go to a
/// temporary folder and the test checks that each is a real image of a page that answered 200.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ScreenshotTests(WebApp app)
{
    [BrowserFact]
    public async Task Main_pages_of_every_role_are_captured()
    {
        var folder = Environment.GetEnvironmentVariable("SKILLSMATCH_SCREENSHOTS") is { Length: > 0 } target
            ? Path.GetFullPath(target)
            : Path.Combine(Path.GetTempPath(), "skillsmatch-screenshots", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (client, need, employerNeed) = await SubjectsAsync();
        (string Role, string Name, string Path)[] shots =
        [
            ("", "01-start", "/"),
            ("", "02-anmelden", "/login"),
            (Roles.Employer, "10-arbeitgeber-bedarf-melden", "/employer/needs/new"),
            (Roles.Employer, "11-arbeitgeber-bedarf", $"/employer/needs/{employerNeed}"),
            (Roles.Caseworker, "20-fallmanagement-kundin", $"/caseworker/clients/{client}"),
            (Roles.Caseworker, "21-fallmanagement-plan", $"/caseworker/clients/{client}/plan"),
            (Roles.Caseworker, "22-fallmanagement-kandidaten", $"/caseworker/needs/{need}"),
            (Roles.TrainingProvider, "30-bildungstraeger-kurse", "/provider/courses"),
            (Roles.Planner, "40-planung-bedarf-und-angebot", "/planner/demand"),
            (Roles.Admin, "50-verwaltung-protokoll", "/admin/audit"),
        ];
        var written = new List<string>();
        foreach (var group in shots.GroupBy(s => s.Role))
        {
            var page = group.Key.Length == 0 ? await app.NewPageAsync() : await app.SignedInAsync(group.Key);
            foreach (var (_, name, path) in group)
            {
                var response = await page.GotoAsync(path, new() { Timeout = 180_000 });
                Assert.True(response?.Status == 200, $"{path}: {response?.Status}");
                if (name == "10-arbeitgeber-bedarf-melden")
                {
                    await page.GetByRole(AriaRole.Textbox).First.FillAsync("Wir suchen ab 1. September für 8 Wochen 3 Erntehelfer für die Weinlese in Ingelheim, Staplerschein von Vorteil, Deutsch A2");
                    await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
                    await page.WaitForURLAsync(url => url.Contains("handler=Draft", StringComparison.Ordinal), new() { Timeout = 120_000 });
                }

                var file = System.IO.Path.Combine(folder, name + ".png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
                written.Add(file);
            }

            await page.Context.CloseAsync();
        }

        foreach (var file in written)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.Length > 5_000, file);
            Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
        }
    }

    /// <summary>A client of caseload IFK-01 with matching needs, an open need, and an open need of the demo employer.</summary>
    private async Task<(int Client, int Need, int EmployerNeed)> SubjectsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
        var host = scope.ServiceProvider.GetRequiredService<CandidateIndexHost>();
        var today = scope.ServiceProvider.GetRequiredService<TimeProvider>().Today();
        var snapshot = await host.SnapshotAsync(db, CancellationToken.None);
        var matcher = host.MatcherOver(snapshot);
        var clients = await db.Clients.AsNoTracking().Where(c => c.Caseworker == "IFK-01").OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var client = clients.First(c => matcher.NeedsFor(c, snapshot.OpenNeeds, 1, today, Language.German).Count > 0);
        var need = matcher.NeedsFor(client, snapshot.OpenNeeds, 1, today, Language.German)[0].NeedId;
        var employer = await db.Users.AsNoTracking().Where(u => u.Email == DemoAccounts.Email(Roles.Employer)).Select(u => u.EmployerId).SingleAsync();
        var employerNeed = await db.Needs.AsNoTracking().Where(n => n.EmployerId == employer && n.Status == NeedStatus.Open).OrderBy(n => n.Id).Select(n => n.Id).FirstAsync();
        return (client, need, employerNeed);
    }
}
