using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Outcomes;
using SkillsMatch.Server.Features.Ranking;

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

        // No protected attribute in the matching view: neither named nor shown.
        var birthYear = await app.WithDbAsync(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.Protected.BirthYear).FirstAsync());
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Geschlecht", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Geburtsjahr", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Staatsangehörigkeit", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Schwerbehinderung", text, StringComparison.Ordinal);
        if (birthYear is { } year)
        {
            Assert.DoesNotContain(year.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }

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

        // The open needs, searched by title, lead to the need's candidates.
        var needId = int.Parse(needHref!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var title = await app.WithDbAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Title).FirstAsync());
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Bedarfe" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Offene Bedarfe");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Titel enthält").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        var found = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Rowheader);
        Assert.True(await found.CountAsync() > 0, "the search found no need");
        foreach (var header in await found.AllInnerTextsAsync())
        {
            Assert.Contains(title, header, StringComparison.OrdinalIgnoreCase);
        }

        // The need from the client's "Passende Bedarfe" (titles repeat, so it may be on a later page of the search).
        await page.GotoAsync(needHref);
        Assert.EndsWith($"/caseworker/needs/{needId}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Kandidatinnen und Kandidaten");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The list shown was recorded as impressions, and audited with its list id.
        var rows = page.Locator("table.candidates tbody tr");
        Assert.True(await rows.CountAsync() > 0, "no candidates shown");
        var shownList = await app.WithDbAsync(db => db.AuditLog.AsNoTracking()
            .Where(e => e.Endpoint == "GET /caseworker/needs/{id}" && e.NeedId == needId && e.ListId != null).OrderByDescending(e => e.Id).Select(e => e.ListId).FirstAsync());
        var impressions = await app.WithDbAsync(db => db.Impressions.AsNoTracking().Where(i => i.ListId == shownList).OrderBy(i => i.Rank).ToListAsync());
        Assert.Equal(await rows.CountAsync(), impressions.Count);
        Assert.All(impressions, i => Assert.Equal(ListKind.Candidates, i.Kind));

        // Propose the second-ranked candidate in one step.
        var row = rows.Nth(1);
        var candidate = (await row.GetByRole(AriaRole.Rowheader).InnerTextAsync()).Trim();
        await row.GetByLabel("Stand").SelectOptionAsync(new SelectOptionValue { Label = "Vorgeschlagen" });
        await row.GetByLabel("Begründung (freiwillig)").FillAsync("Passt gut zum Team.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Eintragen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Eingetragen: Vorgeschlagen – {candidate}.");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var candidateId = await app.WithDbAsync(db => db.Clients.Where(c => c.Reference == candidate).Select(c => c.Id).FirstAsync());
        var outcome = await app.WithDbAsync(db => db.Outcomes.AsNoTracking().Where(o => o.NeedId == needId && o.ClientId == candidateId).OrderByDescending(o => o.Id).FirstAsync());
        Assert.Equal(OutcomeStage.Proposed, outcome.Stage);
        Assert.Equal("Passt gut zum Team.", outcome.Reason);
        Assert.Equal(impressions[1].Id, outcome.ImpressionId);
        Assert.Equal(2, outcome.RankAtProposal);

        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Candidates_first_listed_in_the_last_scheduled_run_are_marked_new()
    {
        // The need of the journey's first candidates, with a shortlist as the rematch job writes it:
        // the first row's client joined in the last run, the second's was listed a week before.
        var page = await app.SignedInAsync(Roles.Caseworker);
        var need = await app.WithDbAsync(db => db.Needs.AsNoTracking().Where(n => n.Status == NeedStatus.Open).OrderByDescending(n => n.Id).Select(n => n.Id).FirstAsync());
        await page.GotoAsync($"/caseworker/needs/{need}");
        var references = await page.Locator("table.candidates tbody th[scope=row] a").AllInnerTextsAsync();
        Assert.True(references.Count >= 2, $"need {need} has {references.Count} candidates");
        var clients = await app.WithDbAsync(db => db.Clients.AsNoTracking().Where(c => references.Take(2).Contains(c.Reference)).ToDictionaryAsync(c => c.Reference, c => c.Id));
        var run = app.Clock.GetUtcNow();
        await app.WithDbAsync(async db =>
        {
            db.Shortlists.RemoveRange(db.Shortlists.Where(e => e.NeedId == need));
            db.Shortlists.Add(new ShortlistEntry { NeedId = need, ClientId = clients[references[0]], Rank = 1, Score = 0.9, ComputedAt = run, FirstListedAt = run });
            db.Shortlists.Add(new ShortlistEntry { NeedId = need, ClientId = clients[references[1]], Rank = 2, Score = 0.8, ComputedAt = run, FirstListedAt = run.AddDays(-7) });
            return await db.SaveChangesAsync();
        });

        await page.ReloadAsync();
        var rows = page.Locator("table.candidates tbody tr");
        await Assertions.Expect(rows.Nth(0).GetByText("neu seit dem letzten Lauf")).ToBeVisibleAsync();
        await Assertions.Expect(rows.Nth(1).GetByText("neu seit dem letzten Lauf")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("„neu seit dem letzten Lauf“")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Start_page_counts_own_clients_and_open_needs()
    {
        var (own, open) = await app.WithDbAsync(async db => (
            await db.Clients.CountAsync(c => c.Caseworker == "IFK-01"),
            await db.Needs.CountAsync(n => n.Status == NeedStatus.Open)));
        var page = await app.SignedInAsync(Roles.Caseworker);
        Assert.EndsWith("/caseworker", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText($"{own} Klientinnen und Klienten in Ihrem Fallbestand IFK-01.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"{open} offene Bedarfe von Arbeitgebern.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_outcome_the_api_refuses_is_named_in_the_error_summary_and_not_stored()
    {
        var needId = await app.WithDbAsync(db => db.Needs.Where(n => n.Status == NeedStatus.Open).OrderByDescending(n => n.Id).Select(n => n.Id).FirstAsync());
        var page = await app.SignedInAsync(Roles.Caseworker);
        await page.GotoAsync($"/caseworker/needs/{needId}");
        var rows = page.Locator("table.candidates tbody tr");
        Assert.True(await rows.CountAsync() > 1, "fewer than two candidates");

        // The first row's form names the second row's impression: not a row shown for this client.
        var other = await rows.Nth(1).Locator("input[name=impressionId]").InputValueAsync();
        var before = await app.WithDbAsync(db => db.Outcomes.CountAsync());
        await rows.First.Locator("input[name=impressionId]").EvaluateAsync("(e, v) => e.value = v", other);
        await rows.First.GetByRole(AriaRole.Button, new() { Name = "Eintragen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Die Anzeige {other} gehört nicht zu Bedarf {needId}");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        Assert.Equal(before, await app.WithDbAsync(db => db.Outcomes.CountAsync()));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_stale_edit_shows_what_changed_and_overwrites_nothing()
    {
        var clientId = await app.WithDbAsync(db => db.Clients.Where(c => c.Caseworker == "IFK-01").OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        var page = await app.SignedInAsync(Roles.Caseworker);
        await page.GotoAsync($"/caseworker/clients/{clientId}/edit");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Profil bearbeiten");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var loaded = int.Parse(await page.GetByLabel("Stunden pro Woche").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);

        // Someone else saves meanwhile.
        var theirs = loaded == 20 ? 21 : 20;
        var mine = loaded == 30 ? 31 : 30;
        await app.WithDbAsync(async db =>
        {
            var client = await db.Clients.FirstAsync(c => c.Id == clientId);
            client.HoursPerWeek = theirs;
            return await db.SaveChangesAsync();
        });

        await page.GetByLabel("Stunden pro Woche").FillAsync(mine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Jemand anderes hat dieses Profil inzwischen gespeichert.");
        var changes = page.GetByRole(AriaRole.Table, new() { Name = "Was sich inzwischen geändert hat" });
        var row = changes.GetByRole(AriaRole.Row).Filter(new() { HasText = "Stunden pro Woche" });
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync(theirs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync(mine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByLabel("Stunden pro Woche")).ToHaveValueAsync(mine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        Assert.Equal(theirs, await app.WithDbAsync(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.HoursPerWeek).FirstAsync()));

        // Saving again is a deliberate choice on the stored version: now it applies.
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Das Profil wurde gespeichert.");
        Assert.Equal(mine, await app.WithDbAsync(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.HoursPerWeek).FirstAsync()));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_invalid_edit_names_the_field_in_the_error_summary()
    {
        var clientId = await app.WithDbAsync(db => db.Clients.Where(c => c.Caseworker == "IFK-01").OrderBy(c => c.Id).Skip(1).Select(c => c.Id).FirstAsync());
        var page = await app.SignedInAsync(Roles.Caseworker);
        await page.GotoAsync($"/caseworker/clients/{clientId}/edit");
        await page.GetByLabel("Stunden pro Woche").FillAsync("99");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Stunden pro Woche")).ToBeFocusedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        Assert.NotEqual(99, await app.WithDbAsync(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.HoursPerWeek).FirstAsync()));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_unknown_client_is_not_found_as_in_the_api()
    {
        // The test app reaches every caseload (Access:Caseload = All, SkillsMatchFactory), so out of reach means not there.
        var unknown = await app.WithDbAsync(db => db.Clients.MaxAsync(c => c.Id)) + 1000;
        var page = await app.SignedInAsync(Roles.Caseworker);
        foreach (var path in new[] { $"/caseworker/clients/{unknown}", $"/caseworker/clients/{unknown}/plan", $"/caseworker/clients/{unknown}/edit" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
        }

        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_caseworker_pages_speak_english_when_asked()
    {
        var (clientId, _) = await ClientWithMatchesAsync();
        var page = await app.SignedInAsync(Roles.Caseworker, "en-GB");
        await page.GotoAsync("/language?culture=en&returnUrl=/caseworker/clients");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Caseload");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GotoAsync($"/caseworker/clients/{clientId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Matching needs" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    private const string ForkliftSkill = "28cb374e-6261-4133-8371-f9a5470145da";

    private sealed record ProfileLists(long Version, HashSet<(string SkillId, int Level, EvidenceSource Evidence)> Skills, HashSet<string> Certificates, HashSet<(string Code, CefrLevel Level)> Languages);

    private Task<ProfileLists> ListsAsync(int clientId) => app.WithDbAsync(async db =>
    {
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == clientId);
        return new ProfileLists(
            client.Version,
            [.. client.Skills.Select(s => (s.SkillId, s.Level, s.Evidence))],
            [.. client.Certificates],
            [.. client.Languages.Select(l => (l.Code, l.Level))]);
    });

    /// <summary>Clients of caseload IFK-01 with at least two skills, one below the top level, and without the forklift skill, by id.</summary>
    private Task<List<int>> EditableClientsAsync() => app.WithDbAsync(async db =>
    {
        var clients = await db.Clients.AsNoTracking().Where(c => c.Caseworker == "IFK-01").OrderBy(c => c.Id).ToListAsync();
        return clients.Where(c => c.Skills.Count >= 2 && c.Skills.Any(s => s.Level < 4) && c.Skills.All(s => s.SkillId != ForkliftSkill)).Select(c => c.Id).ToList();
    });

    [BrowserFact]
    public async Task A_caseworker_adds_raises_and_removes_skills_ticks_a_certificate_and_adds_a_language()
    {
        var reference = app.Services.GetRequiredService<ReferenceData>();
        var clientId = (await EditableClientsAsync())[2];
        var before = await ListsAsync(clientId);
        var raised = before.Skills.OrderBy(s => s.SkillId, StringComparer.Ordinal).First(s => s.Level < 4);
        var removed = before.Skills.OrderBy(s => s.SkillId, StringComparer.Ordinal).First(s => s.SkillId != raised.SkillId);
        var certificate = reference.Vocabulary.Certificates.First(c => !before.Certificates.Contains(c.Code));
        var language = reference.Vocabulary.Languages.First(l => before.Languages.All(k => k.Code != l.Code));
        string Label(string skillId) => reference.Taxonomy.FindSkill(skillId)!.Label(Language.German);

        var page = await app.SignedInAsync(Roles.Caseworker);
        await page.GotoAsync($"/caseworker/clients/{clientId}/edit");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Group, new() { Name = "Neue Kompetenz 1", Exact = true }).GetByLabel("Kompetenz", new() { Exact = true }).FillAsync(Label(ForkliftSkill));
        await page.GetByRole(AriaRole.Group, new() { Name = Label(raised.SkillId), Exact = true }).GetByLabel("Niveau").SelectOptionAsync((raised.Level + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Group, new() { Name = Label(removed.SkillId), Exact = true }).GetByLabel("entfernen").CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = certificate.LabelDe, Exact = true }).CheckAsync();
        var languageRow = page.GetByRole(AriaRole.Group, new() { Name = $"Sprache {before.Languages.Count + 1}", Exact = true });
        await languageRow.GetByLabel("Sprache", new() { Exact = true }).SelectOptionAsync(language.Code);
        await languageRow.GetByLabel("Niveau").SelectOptionAsync("B1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Das Profil wurde gespeichert.");

        var after = await ListsAsync(clientId);
        var expectedSkills = before.Skills.Where(s => s.SkillId != removed.SkillId && s.SkillId != raised.SkillId).ToHashSet();
        expectedSkills.Add((raised.SkillId, raised.Level + 1, raised.Evidence));
        expectedSkills.Add((ForkliftSkill, 1, EvidenceSource.SelfReported));
        Assert.Equal(expectedSkills.OrderBy(s => s.SkillId, StringComparer.Ordinal), after.Skills.OrderBy(s => s.SkillId, StringComparer.Ordinal));
        Assert.Equal(before.Certificates.Append(certificate.Code).Order(StringComparer.Ordinal), after.Certificates.Order(StringComparer.Ordinal));
        Assert.Equal(before.Languages.Append((language.Code, CefrLevel.B1)).OrderBy(l => l.Code, StringComparer.Ordinal), after.Languages.OrderBy(l => l.Code, StringComparer.Ordinal));
        Assert.True(after.Version > before.Version);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_unknown_typed_skill_is_refused_with_a_suggestion_and_nothing_changes()
    {
        var clientId = (await EditableClientsAsync())[3];
        var before = await ListsAsync(clientId);
        var page = await app.SignedInAsync(Roles.Caseworker);
        await page.GotoAsync($"/caseworker/clients/{clientId}/edit");
        var input = page.GetByRole(AriaRole.Group, new() { Name = "Neue Kompetenz 1", Exact = true }).GetByLabel("Kompetenz", new() { Exact = true });
        await input.FillAsync("Weinlesen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert);
        var link = summary.GetByRole(AriaRole.Link).Filter(new() { HasText = "Weinlesen" });
        await Assertions.Expect(link).ToContainTextAsync("Meinten Sie");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await link.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Neue Kompetenz 1", Exact = true }).GetByLabel("Kompetenz", new() { Exact = true })).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Neue Kompetenz 1", Exact = true }).GetByLabel("Kompetenz", new() { Exact = true })).ToHaveValueAsync("Weinlesen");

        var after = await ListsAsync(clientId);
        Assert.Equal(before.Version, after.Version);
        Assert.True(before.Skills.SetEquals(after.Skills));
        Assert.True(before.Certificates.SetEquals(after.Certificates));
        Assert.True(before.Languages.SetEquals(after.Languages));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_stale_edit_of_the_certificates_shows_both_lists_and_keeps_the_other_writers()
    {
        var reference = app.Services.GetRequiredService<ReferenceData>();
        var clientId = (await EditableClientsAsync())[4];
        var before = await ListsAsync(clientId);
        var missing = reference.Vocabulary.Certificates.Where(c => !before.Certificates.Contains(c.Code)).ToList();
        var (theirs, mine) = (missing[0], missing[1]);

        var page = await app.SignedInAsync(Roles.Caseworker);
        await page.GotoAsync($"/caseworker/clients/{clientId}/edit");
        await app.WithDbAsync(async db =>
        {
            var client = await db.Clients.FirstAsync(c => c.Id == clientId);
            client.Certificates = [.. client.Certificates, theirs.Code];
            return await db.SaveChangesAsync();
        });

        await page.GetByRole(AriaRole.Checkbox, new() { Name = mine.LabelDe, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Jemand anderes hat dieses Profil inzwischen gespeichert.");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Was sich inzwischen geändert hat" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Zertifikate" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        HashSet<string> Labels(IEnumerable<string> codes) => [.. codes.Select(c => reference.Vocabulary.FindCertificate(c)!.LabelDe)];
        HashSet<string> Shown(string cell) => [.. cell.Split("; ")];
        Assert.Equal(Labels(before.Certificates.Append(theirs.Code)), Shown(await row.GetByRole(AriaRole.Cell).Nth(0).InnerTextAsync()));
        Assert.Equal(Labels(before.Certificates.Append(mine.Code)), Shown(await row.GetByRole(AriaRole.Cell).Nth(1).InnerTextAsync()));
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = mine.LabelDe, Exact = true })).ToBeCheckedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var after = await ListsAsync(clientId);
        Assert.Equal(before.Certificates.Append(theirs.Code).Order(StringComparer.Ordinal), after.Certificates.Order(StringComparer.Ordinal));
        Assert.True(before.Skills.SetEquals(after.Skills));
        await page.Context.CloseAsync();
    }
}
