using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Web.Tests;

/// <summary>The employer's pages: "Bedarf melden" from a sentence, "Meine Bedarfe", a need with its candidates and comments, the start page.</summary>
[Collection(WebCollection.Name)]
public sealed partial class EmployerPagesTests(WebApp app)
{
    private const string Sentence = "Wir suchen ab 1. September für 8 Wochen 3 Erntehelfer für die Weinlese in Ingelheim, Staplerschein von Vorteil, Deutsch A2";
    private const string Ingelheim = "07339030";
    private const string OperateForklift = "28cb374e-6261-4133-8371-f9a5470145da";

    private Task<int> DemoEmployerAsync() => app.WithDbAsync(db => db.Employers.MinAsync(e => e.Id));

    private Task<int> NeedCountAsync() => app.WithDbAsync(db => db.Needs.CountAsync());

    /// <summary>"ab 1. September": the next 1 September that is not before the app's (fake) today.</summary>
    private DateOnly NextFirstOfSeptember()
    {
        var date = new DateOnly(app.Today.Year, 9, 1);
        return date < app.Today ? date.AddYears(1) : date;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Step 1 with the sentence, on to step 2.</summary>
    private static async Task DraftAsync(IPage page)
    {
        await page.GotoAsync("/employer/needs/new");
        await page.GetByLabel("Beschreiben Sie in eigenen Worten, wen Sie suchen").FillAsync(Sentence);
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("handler=Draft", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Bedarf speichern" })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task A_need_reported_in_a_sentence_fills_the_form_and_is_saved_for_the_own_organisation()
    {
        var employer = await DemoEmployerAsync();
        var page = await app.SignedInAsync(Roles.Employer);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Bedarf melden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bedarf melden");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await DraftAsync(page);
        var start = NextFirstOfSeptember();
        await Assertions.Expect(page.GetByLabel("Anzahl Personen")).ToHaveValueAsync("3");
        await Assertions.Expect(page.GetByLabel("Arbeitsort")).ToHaveValueAsync(new Regex("^Ingelheim"));
        await Assertions.Expect(page.GetByLabel("Beginn")).ToHaveValueAsync(Iso(start));
        await Assertions.Expect(page.GetByLabel("Ende", new() { Exact = true })).ToHaveValueAsync(Iso(start.AddDays((8 * 7) - 1)));
        await Assertions.Expect(page.GetByLabel("Zertifikat 1", new() { Exact = true })).ToHaveValueAsync("FORKLIFT");
        await Assertions.Expect(page.GetByLabel("Zertifikat 1 ist")).ToHaveValueAsync("false");
        await Assertions.Expect(page.GetByLabel("Sprache 1", new() { Exact = true })).ToHaveValueAsync("de");
        await Assertions.Expect(page.GetByLabel("Niveau Sprache 1")).ToHaveValueAsync("A2");
        await Assertions.Expect(page.GetByLabel("Muss-Kompetenz 1", new() { Exact = true })).Not.ToHaveValueAsync("");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The sentence names no weekly hours: the employer adds them, then confirms.
        var title = await page.GetByLabel("Bezeichnung").InputValueAsync();
        Assert.NotEmpty(title);
        await page.GetByLabel("Stunden pro Woche").FillAsync("40");
        var before = await NeedCountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bedarf speichern" }).ClickAsync();

        await page.WaitForURLAsync(NeedPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Bedarf ist gespeichert.");
        var id = int.Parse(NeedPage().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(before + 1, await NeedCountAsync());
        var stored = await app.WithDbAsync(db => db.Needs.AsNoTracking().SingleAsync(n => n.Id == id));
        Assert.Equal(employer, stored.EmployerId);
        Assert.Equal(title, stored.Title);
        Assert.Equal(3, stored.Headcount);
        Assert.Equal(start, stored.PeriodStart);
        Assert.Equal(start.AddDays((8 * 7) - 1), stored.PeriodEnd);
        Assert.Equal(40, stored.HoursPerWeek);
        Assert.Equal(Ingelheim, stored.MunicipalityAgs);
        Assert.Equal(NeedStatus.Open, stored.Status);
        Assert.Equal(["FORKLIFT"], stored.NiceToHaveCertificates);
        Assert.Contains(stored.Languages, l => l.Code == "de" && l.Level.ToString() == "A2");
        Assert.Contains(stored.Skills, s => s.MustHave);

        // The candidates section: rows, or the explained empty state.
        var candidates = page.GetByRole(AriaRole.Region, new() { Name = "Passende Personen" });
        var rows = candidates.GetByRole(AriaRole.Row);
        var empty = candidates.GetByText("Zurzeit gibt es keine passenden Personen");
        await Assertions.Expect(rows.First.Or(empty)).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() > 1 || await empty.IsVisibleAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The new need is in "Meine Bedarfe" and counted on the start page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Meine Bedarfe", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"a[href='/employer/needs/{id}']")).ToHaveTextAsync(title);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"/employer/needs/(?<id>\d+)$")]
    private static partial Regex NeedPage();

    [BrowserFact]
    public async Task Feedback_on_a_pseudonymous_candidate_is_saved_for_the_caseworker()
    {
        var employer = await DemoEmployerAsync();
        var needs = await app.WithDbAsync(db => db.Needs.Where(n => n.EmployerId == employer && n.Status == NeedStatus.Open).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync());
        var page = await app.SignedInAsync(Roles.Employer);

        // The first open need of the demo employer that has candidates (the samples have consenting clients).
        int? withCandidates = null;
        foreach (var id in needs.Take(10))
        {
            await page.GotoAsync($"/employer/needs/{id}");
            if (await page.GetByRole(AriaRole.Button, new() { Name = "Interesse an" }).CountAsync() > 0)
            {
                withCandidates = id;
                break;
            }
        }

        Assert.True(withCandidates is not null, $"None of the demo employer's open needs {string.Join(", ", needs.Take(10))} has candidates.");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var table = page.GetByRole(AriaRole.Table);
        await Assertions.Expect(table).Not.ToContainTextAsync("Referenz");
        var pseudonym = (await table.Locator("tbody tr th[scope=row]").First.TextContentAsync())!.Trim();
        Assert.Matches("^K-[A-Z2-9]{8}$", pseudonym);
        var before = await app.WithDbAsync(db => db.EmployerFeedback.CountAsync(f => f.NeedId == withCandidates));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Interesse an {pseudonym}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Ihre Rückmeldung zu {pseudonym} ist gespeichert: Interesse.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = pseudonym })).ToContainTextAsync("Bisher: Interesse");
        var feedback = await app.WithDbAsync(db => db.EmployerFeedback.AsNoTracking().Where(f => f.NeedId == withCandidates).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal(before + 1, feedback.Count);
        Assert.Equal(pseudonym, feedback[^1].Pseudonym);
        Assert.Equal(FeedbackVerdict.Interested, feedback[^1].Verdict);

        // The other answer the API offers.
        var second = (await table.Locator("tbody tr th[scope=row]").Nth(1).TextContentAsync())!.Trim();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = second }).GetByRole(AriaRole.Button, new() { Name = "Passt nicht" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Ihre Rückmeldung zu {second} ist gespeichert: Passt nicht.");
        var last = await app.WithDbAsync(db => db.EmployerFeedback.AsNoTracking().Where(f => f.NeedId == withCandidates).OrderBy(f => f.Id).LastAsync());
        Assert.Equal((second, FeedbackVerdict.NotSuitable), (last.Pseudonym, last.Verdict));

        // Reading the candidates is recorded, as the API's audited endpoint does.
        var audited = await app.WithDbAsync(db => db.AuditLog.CountAsync(e => e.NeedId == withCandidates && e.Endpoint == "GET /employer/needs/{id}" && e.ClientCount > 0));
        Assert.True(audited > 0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Headcount_0_and_an_end_before_the_start_are_shown_in_the_error_summary_linked_to_the_fields_and_nothing_is_stored()
    {
        var page = await app.SignedInAsync(Roles.Employer);
        await DraftAsync(page);
        var start = DateOnly.Parse(await page.GetByLabel("Beginn").InputValueAsync(), CultureInfo.InvariantCulture);
        await page.GetByLabel("Anzahl Personen").FillAsync("0");
        await page.GetByLabel("Ende", new() { Exact = true }).FillAsync(Iso(start.AddDays(-1)));
        await page.GetByLabel("Stunden pro Woche").FillAsync("40");
        var before = await NeedCountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bedarf speichern" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Das Ende liegt vor dem Beginn.");
        await Assertions.Expect(summary.Locator("a[href='#Form_Headcount']")).ToContainTextAsync("„Anzahl Personen“");
        await Assertions.Expect(page.GetByLabel("Anzahl Personen")).ToHaveAttributeAsync("aria-invalid", "true");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await summary.Locator("a[href='#Form_PeriodEnd']").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Ende", new() { Exact = true })).ToBeFocusedAsync();
        await summary.Locator("a[href='#Form_Headcount']").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Anzahl Personen")).ToBeFocusedAsync();

        // What was entered stays, so only the wrong fields need fixing.
        await Assertions.Expect(page.GetByLabel("Arbeitsort")).ToHaveValueAsync(new Regex("^Ingelheim"));
        Assert.Equal(before, await NeedCountAsync());
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_skill_typed_by_name_is_resolved_and_an_unknown_one_is_refused_with_suggestions()
    {
        var page = await app.SignedInAsync(Roles.Employer);
        await DraftAsync(page);
        await page.GetByLabel("Stunden pro Woche").FillAsync("40");
        // With JavaScript the list under a skill field fills from GET /api/skills as the employer types.
        await page.GetByLabel("Wunsch-Kompetenz 1", new() { Exact = true }).PressSequentiallyAsync("Gabelstap");
        await Assertions.Expect(page.Locator("#skill-options option[value='Gabelstapler bedienen']")).ToHaveCountAsync(1);
        await page.GetByLabel("Wunsch-Kompetenz 1", new() { Exact = true }).FillAsync("Gabelstapler fahren");
        await page.GetByLabel("Wunsch-Kompetenz 2", new() { Exact = true }).FillAsync("Weinlesen");
        var before = await NeedCountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bedarf speichern" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Weinlesen");
        await Assertions.Expect(summary).ToContainTextAsync("Meinten Sie");
        await Assertions.Expect(summary.Locator("a[href='#Form_NiceToHave_1__Skill']")).ToHaveCountAsync(1);
        Assert.Equal(before, await NeedCountAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("Wunsch-Kompetenz 2", new() { Exact = true }).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bedarf speichern" }).ClickAsync();
        await page.WaitForURLAsync(NeedPage());
        var id = int.Parse(NeedPage().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
        var nice = await app.WithDbAsync(db => db.Needs.AsNoTracking().Where(n => n.Id == id).Select(n => n.Skills).SingleAsync());
        var forklift = Assert.Single(nice, s => !s.MustHave);
        Assert.Equal(OperateForklift, forklift.SkillId);
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Angaben" })).ToContainTextAsync("Gabelstapler");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_empty_text_is_refused_and_what_the_parser_could_not_read_is_shown_with_its_suggestions()
    {
        var page = await app.SignedInAsync(Roles.Employer);
        await page.GotoAsync("/employer/needs/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary.Locator("a[href='#Text']")).ToHaveCountAsync(1);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await summary.Locator("a[href='#Text']").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Beschreiben Sie in eigenen Worten, wen Sie suchen")).ToBeFocusedAsync();

        await page.GetByLabel("Beschreiben Sie in eigenen Worten, wen Sie suchen").FillAsync("Erntehelfer in Ingelbach");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Bedarf speichern" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var unresolved = page.GetByRole(AriaRole.Region, new() { Name = "Das konnten wir nicht zuordnen" });
        await Assertions.Expect(unresolved).ToContainTextAsync("„Ingelbach“");
        await Assertions.Expect(unresolved).ToContainTextAsync("Ingelheim");
        await Assertions.Expect(page.GetByLabel("Arbeitsort")).ToHaveValueAsync("");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_employer_pages_speak_english_on_request()
    {
        var page = await app.SignedInAsync(Roles.Employer, "en-GB");
        await page.GotoAsync("/employer/needs/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Report a need");
        await page.GetByLabel("Describe in your own words whom you are looking for").FillAsync(Sentence);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save need" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByLabel("Number of people")).ToHaveValueAsync("3");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_whole_journey_from_sign_in_to_a_saved_need_works_with_the_keyboard_alone()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/login");
        await TabToAsync(page, page.GetByLabel("E-Mail-Adresse"));
        await page.Keyboard.TypeAsync(DemoAccounts.Email(Roles.Employer));
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Passwort", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(WebApp.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/employer");

        await TabToAsync(page, page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Bedarf melden" }));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/employer/needs/new");

        await TabToAsync(page, page.GetByLabel("Beschreiben Sie in eigenen Worten, wen Sie suchen"));
        await page.Keyboard.TypeAsync(Sentence);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("handler=Draft", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByLabel("Anzahl Personen")).ToHaveValueAsync("3");

        await TabToAsync(page, page.GetByLabel("Stunden pro Woche"));
        await page.Keyboard.TypeAsync("38");
        var before = await NeedCountAsync();
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Bedarf speichern" }));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(NeedPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Bedarf ist gespeichert.");
        Assert.Equal(before + 1, await NeedCountAsync());
        var id = int.Parse(NeedPage().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(38, await app.WithDbAsync(db => db.Needs.Where(n => n.Id == id).Select(n => n.HoursPerWeek).SingleAsync()));
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Tab until the element has the focus; fails when it is not reached.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int max = 120)
    {
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{target} was not reached with {max} presses of Tab on {page.Url}; focus is on {await page.EvaluateAsync<string>("document.activeElement?.outerHTML")}");
    }

    [BrowserFact]
    public async Task A_comment_is_added_to_the_need_and_an_empty_one_is_refused()
    {
        var employer = await DemoEmployerAsync();
        var id = await app.WithDbAsync(db => db.Needs.Where(n => n.EmployerId == employer).MinAsync(n => n.Id));
        var page = await app.SignedInAsync(Roles.Employer);
        await page.GotoAsync($"/employer/needs/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Kommentar speichern" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary.Locator("a[href='#Comment_Text']")).ToHaveCountAsync(1);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("Kommentar", new() { Exact = true }).FillAsync("Arbeitsbeginn jeweils um 7 Uhr am Hof.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kommentar speichern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Kommentar ist gespeichert.");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Kommentare" })).ToContainTextAsync("Arbeitsbeginn jeweils um 7 Uhr am Hof.");
        Assert.True(await app.WithDbAsync(db => db.NeedComments.AnyAsync(c => c.NeedId == id && c.Text == "Arbeitsbeginn jeweils um 7 Uhr am Hof.")));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Start_page_and_my_needs_show_the_own_organisations_needs_only()
    {
        var employer = await DemoEmployerAsync();
        var (open, own, title) = await app.WithDbAsync(async db => (
            await db.Needs.CountAsync(n => n.EmployerId == employer && n.Status == NeedStatus.Open),
            await db.Needs.CountAsync(n => n.EmployerId == employer),
            await db.Needs.Where(n => n.EmployerId == employer).OrderBy(n => n.PeriodStart).ThenBy(n => n.Id).Select(n => n.Title).FirstAsync()));
        var page = await app.SignedInAsync(Roles.Employer);
        Assert.EndsWith("/employer", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".count")).ToHaveTextAsync(open.ToString(CultureInfo.InvariantCulture));
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Meine Bedarfe ansehen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Meine Bedarfe");
        var table = page.GetByRole(AriaRole.Table);
        await Assertions.Expect(table).ToContainTextAsync($"Ihre Bedarfe ({own})");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(Math.Min(own, 50));
        await Assertions.Expect(table.Locator("tbody tr").First).ToContainTextAsync(title);
        await Assertions.Expect(table.Locator("tbody tr").First).ToContainTextAsync(new Regex("Offen|Entwurf|Besetzt|Geschlossen|Abgelaufen"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Every linked need is the organisation's.
        var ids = await table.Locator("tbody a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var linked = ids.Select(h => int.Parse(h.Split('/')[^1], CultureInfo.InvariantCulture)).ToList();
        Assert.True(await app.WithDbAsync(db => db.Needs.Where(n => linked.Contains(n.Id)).AllAsync(n => n.EmployerId == employer)));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Another_employers_need_is_not_found()
    {
        var employer = await DemoEmployerAsync();
        var (id, title) = await app.WithDbAsync(async db =>
        {
            var other = await db.Needs.Where(n => n.EmployerId != employer).OrderBy(n => n.Id).FirstAsync();
            return (other.Id, other.Title);
        });
        var page = await app.SignedInAsync(Roles.Employer);
        var response = await page.GotoAsync($"/employer/needs/{id}");
        Assert.Equal(404, response!.Status);
        Assert.DoesNotContain(title, await page.ContentAsync(), StringComparison.Ordinal);

        // Its comments cannot be written either.
        var before = await app.WithDbAsync(db => db.NeedComments.CountAsync(c => c.NeedId == id));
        await page.GotoAsync("/employer/needs/new");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var post = await page.APIRequest.PostAsync($"/employer/needs/{id}?handler=Comment", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("Comment.Author", "X").Set("Comment.Text", "Hallo"),
        });
        Assert.Equal(404, post.Status);
        Assert.Equal(before, await app.WithDbAsync(db => db.NeedComments.CountAsync(c => c.NeedId == id)));
        await page.Context.CloseAsync();
    }
}
