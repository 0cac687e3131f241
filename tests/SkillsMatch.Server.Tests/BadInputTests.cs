using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace SkillsMatch.Server.Tests;

/// <summary>
/// Issue 10's findings, each at the mechanism that now handles it: charsets, enums by name,
/// binding failures in German naming the parameter, bounded paging, strict ids, strong ETags,
/// and writes racing each other answered 409/412, never 500 — with the data unchanged by every refusal.
/// </summary>
public sealed class BadInputTests(SkillsMatchFactory factory, ITestOutputHelper output) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Theory]
    [InlineData("bogus")]
    [InlineData("iso-8859-1")]
    [InlineData("\"utf-16\"")]
    public async Task Body_in_another_charset_than_utf8_is_refused_with_415_and_changes_nothing(string charset)
    {
        var before = await factory.StateAsync();
        using var content = new StringContent("""{"name":"x"}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/json; charset={charset}");

        var response = await _http.PostAsync("/api/employers", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Zeichensatz", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());

        using var utf8 = new StringContent(JsonSerializer.Serialize(TestData.Employer()), Encoding.UTF8);
        utf8.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=UTF-8");
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsync("/api/employers", utf8)).StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=\"\"")]
    [InlineData("application/json; charset=utf-8; charset=bogus")]
    public async Task An_empty_or_contradicting_charset_is_refused_with_415(string contentType)
    {
        var before = await factory.StateAsync();
        using var content = new StringContent(JsonSerializer.Serialize(TestData.Employer()), Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await _http.PostAsync("/api/employers", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Theory]
    [InlineData("kind", "Vacancy, Forecast")]
    [InlineData("status", "Open, Filled")]
    [InlineData("status", "Filled,Expired")]
    public async Task A_list_of_enum_names_is_refused_naming_the_field(string field, string value)
    {
        var employer = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();

        var response = await _http.PostAsJsonAsync("/api/needs", TestData.Need(employer).With(field, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Theory]
    [InlineData("periodStart", "0001-01-01")]
    [InlineData("periodStart", "1899-12-31")]
    [InlineData("periodEnd", "9999-12-31")]
    [InlineData("periodEnd", "2101-01-01")]
    public async Task Dates_outside_1900_to_2100_are_refused_in_german_naming_the_field(string field, string date)
    {
        var employer = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();

        var response = await _http.PostAsJsonAsync("/api/needs", TestData.Need(employer).With(field, date));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Equal("Das Datum muss zwischen 1900-01-01 und 2100-12-31 liegen.", message);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task A_cohort_starting_on_the_last_representable_day_is_refused_not_a_500()
    {
        var response = await _http.PostAsJsonAsync("/api/courses", TestData.Course().With("cohorts", new[] { new { startDate = "9999-12-31", capacity = 12 } }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["cohorts[0].startDate"], await response.ProblemFieldsAsync());
    }

    [Theory]
    [InlineData("a\\u0000b")]
    [InlineData("\\u001b[31mrot")]
    [InlineData("halb \\ud800")]
    public async Task Control_characters_and_broken_unicode_in_text_are_refused_naming_the_field(string escaped)
    {
        var before = await factory.StateAsync();
        var body = JsonSerializer.Serialize(TestData.Employer()).Replace("\"Testlogistik", $"\"{escaped}Testlogistik", StringComparison.Ordinal);

        var response = await _http.PostAsync("/api/employers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["name"], await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Theory]
    [InlineData("/api/employers?q=a%00b", "q")]
    [InlineData("/api/clients?caseworker=%01", "caseworker")]
    [InlineData("/api/needs?Q=%1B", "Q")]
    public async Task Control_characters_in_the_query_string_are_refused_naming_the_parameter(string url, string parameter)
    {
        var response = await _http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("Steuerzeichen", errors.GetProperty(parameter)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tabs_and_line_breaks_in_text_are_kept()
    {
        var response = await _http.PostAsJsonAsync("/api/forum/rounds", new { title = "Forum", date = "2027-02-10", notes = "Erste Zeile\r\nZweite\tZeile" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Erste Zeile\r\nZweite\tZeile", (await response.JsonAsync()).GetProperty("notes").GetString());
    }

    [Theory]
    [InlineData("mustHave")]
    [InlineData("certificates")]
    [InlineData("languages")]
    public async Task A_null_list_entry_is_refused_naming_the_entry(string list)
    {
        var employer = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();

        var response = await _http.PostAsJsonAsync("/api/needs", TestData.Need(employer).With(list, new object?[] { null }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"{list}[0]", await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task A_client_without_car_and_licence_fields_is_accepted_and_one_with_a_car_but_no_licence_is_not()
    {
        var body = TestData.Client();
        body.Remove("hasCar");
        body.Remove("drivingLicence");

        var created = await _http.PostAsJsonAsync("/api/clients", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = await created.JsonAsync();
        Assert.False(client.GetProperty("hasCar").GetBoolean());
        Assert.False(client.GetProperty("drivingLicence").GetBoolean());

        var car = await _http.PostAsJsonAsync("/api/clients", TestData.Client().With("hasCar", true).With("drivingLicence", null));
        Assert.Equal(HttpStatusCode.BadRequest, car.StatusCode);
        Assert.Equal(["hasCar"], await car.ProblemFieldsAsync());
    }

    [Fact]
    public async Task If_match_on_a_comment_which_has_no_version_never_matches()
    {
        var need = await _http.CreateNeedAsync(await _http.CreateEmployerAsync());
        var comment = (await _http.CreateAsync($"/api/needs/{need}/comments", new { author = "Arbeitgeber", text = "Bitte schnell." })).GetProperty("id").GetInt32();
        var before = await factory.StateAsync();

        using var tagged = new HttpRequestMessage(HttpMethod.Delete, $"/api/needs/{need}/comments/{comment}");
        tagged.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _http.SendAsync(tagged)).StatusCode);
        Assert.Equal(before, await factory.StateAsync());

        using var any = new HttpRequestMessage(HttpMethod.Delete, $"/api/needs/{need}/comments/{comment}");
        any.Headers.TryAddWithoutValidation("If-Match", "*");
        Assert.Equal(HttpStatusCode.NoContent, (await _http.SendAsync(any)).StatusCode);
    }

    [Fact]
    public async Task Problems_the_framework_writes_itself_are_german_by_default()
    {
        var missing = await _http.GetAsync("/api/nothing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Nicht gefunden.", (await missing.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal("Not Found", (await (await _http.GetAsync("/api/nothing?lang=en")).JsonAsync()).GetProperty("title").GetString());

        var text = await _http.PostAsync("/api/employers", new StringContent("{}", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("Medientyp nicht unterstützt.", (await text.JsonAsync()).GetProperty("title").GetString());

        using var unparsable = new ByteArrayContent("{}"u8.ToArray());
        unparsable.Headers.TryAddWithoutValidation("Content-Type", ";;;");
        var garbage = await _http.PostAsync("/api/employers", unparsable);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, garbage.StatusCode);
        Assert.StartsWith("Anfragen senden JSON", (await garbage.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var empty = await _http.PostAsync("/api/employers", new ByteArrayContent([]) { Headers = { { "Content-Type", "application/json" } } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Der JSON-Inhalt der Anfrage fehlt.", (await empty.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Enum_numbers_in_bodies_are_refused_naming_the_field_and_names_are_accepted_in_any_case()
    {
        var employer = await _http.CreateEmployerAsync();
        var client = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        var before = await factory.StateAsync();

        var kind = await _http.PostAsJsonAsync("/api/needs", TestData.Need(employer).With("kind", 99));
        Assert.Equal(HttpStatusCode.BadRequest, kind.StatusCode);
        Assert.True((await kind.JsonAsync()).GetProperty("errors").TryGetProperty("kind", out _));

        var need = await _http.CreateNeedAsync(employer, b => b.With("kind", "vacancy"));
        before = await factory.StateAsync();
        var stage = await _http.PostAsJsonAsync("/api/outcomes", new { needId = need, clientId = client, stage = 12345, date = "2027-01-10", decidedBy = "IFK-01" });
        Assert.Equal(HttpStatusCode.BadRequest, stage.StatusCode);
        Assert.True((await stage.JsonAsync()).GetProperty("errors").TryGetProperty("stage", out _));
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Query_enums_bind_by_name_in_any_case_and_anything_else_gets_a_german_problem_naming_the_parameter()
    {
        var employer = await _http.CreateEmployerAsync();
        await _http.CreateNeedAsync(employer);

        foreach (var status in new[] { "open", "Open", "OPEN" })
        {
            var ok = await _http.GetAsync($"/api/needs?status={status}&employer={employer}");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(1, (await ok.JsonAsync()).GetProperty("total").GetInt32());
        }

        Assert.Equal(0, (await (await _http.GetAsync($"/api/needs?status=closed&employer={employer}")).JsonAsync()).GetProperty("total").GetInt32());

        foreach (var bad in new[] { "offen", "1", "99", "-1" })
        {
            var response = await _http.GetAsync($"/api/needs?status={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("status")[0].GetString()!;
            Assert.Contains($"Unbekannter Wert „{bad}“", message, StringComparison.Ordinal);
            Assert.Contains("open", message, StringComparison.Ordinal);
        }

        var stage = await _http.GetAsync("/api/outcomes?stage=hired");
        Assert.Equal(HttpStatusCode.OK, stage.StatusCode);
        var english = await _http.GetAsync("/api/outcomes?stage=7&lang=en");
        Assert.Contains("Unknown value '7'", (await english.JsonAsync()).GetProperty("errors").GetProperty("stage")[0].GetString(), StringComparison.Ordinal);

        var number = await _http.GetAsync("/api/needs?employer=abc");
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        Assert.Contains("keine ganze Zahl", (await number.JsonAsync()).GetProperty("errors").GetProperty("employer")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page=2147483647&pageSize=200", "page")]
    [InlineData("page=100001", "page")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=99999999999", "page")]
    public async Task Page_numbers_are_bounded(string query, string field)
    {
        var response = await _http.GetAsync($"/api/needs?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty()
    {
        var response = await _http.GetAsync("/api/needs?page=100000&pageSize=200");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("%201")]
    [InlineData("+{0}")]
    [InlineData("0{0}")]
    [InlineData("{0}%20")]
    [InlineData("{0}.0")]
    public async Task Ids_are_digits_only(string shape)
    {
        var id = (await _http.CreateAsync("/api/courses", TestData.Course())).GetProperty("id").GetInt32();
        var before = await factory.StateAsync();
        var path = shape == "%201" ? $"%20{id}" : string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, id);

        var delete = await _http.DeleteAsync($"/api/courses/{path}");

        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(before, await factory.StateAsync());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/courses/{id}")).StatusCode);
    }

    [Fact]
    public async Task Weak_or_malformed_if_match_never_matches()
    {
        var created = await _http.CreateAsync("/api/employers", TestData.Employer());
        var id = created.GetProperty("id").GetInt32();
        var version = created.GetProperty("version").GetInt64();
        var before = await factory.StateAsync();

        foreach (var tag in new[] { $"W/\"{version}\"", $"{version}", "\"1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/employers/{id}");
            request.Headers.TryAddWithoutValidation("If-Match", tag);
            var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        }

        Assert.Equal(before, await factory.StateAsync());
        using var strong = new HttpRequestMessage(HttpMethod.Delete, $"/api/employers/{id}");
        strong.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        Assert.Equal(HttpStatusCode.NoContent, (await _http.SendAsync(strong)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_updates_with_the_same_if_match_give_one_success_and_412s_never_409_or_500()
    {
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 20; round++)
        {
            var created = await _http.CreateAsync("/api/employers", TestData.Employer());
            var id = created.GetProperty("id").GetInt32();
            var tag = $"\"{created.GetProperty("version").GetInt64()}\"";
            var body = TestData.Employer();
            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/employers/{id}") { Content = JsonContent.Create(body.With("name", $"Neu {i}")) };
                request.Headers.TryAddWithoutValidation("If-Match", tag);
                return (await _http.SendAsync(request)).StatusCode;
            }));
            Assert.Equal(1, answers.Count(s => s == HttpStatusCode.OK));
            statuses.AddRange(answers);
        }

        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.PreconditionFailed }));
    }

    [Fact]
    public async Task Racing_writers_get_409_never_500_and_leave_consistent_data()
    {
        var counts = new Dictionary<string, Dictionary<HttpStatusCode, int>>();
        void Count(string race, HttpStatusCode status)
        {
            var c = counts.TryGetValue(race, out var d) ? d : counts[race] = [];
            c[status] = c.GetValueOrDefault(status) + 1;
        }

        for (var pair = 0; pair < 50; pair++)
        {
            // Two clients with the same pseudonymous reference at once.
            var client = TestData.Client();
            var twins = await Task.WhenAll(_http.PostAsJsonAsync("/api/clients", client), _http.PostAsJsonAsync("/api/clients", client));
            foreach (var r in twins)
            {
                Count("duplicate reference", r.StatusCode);
            }

            Assert.Equal(1, twins.Count(r => r.StatusCode == HttpStatusCode.Created));

            // An employer deleted while a need is posted for it.
            var employer = await _http.CreateEmployerAsync();
            var (deleteEmployer, postNeed) = await Both(_http.DeleteAsync($"/api/employers/{employer}"), _http.PostAsJsonAsync("/api/needs", TestData.Need(employer)));
            Count("delete employer / post need", deleteEmployer.StatusCode);
            Count("delete employer / post need", postNeed.StatusCode);

            // A need deleted while an outcome and a comment are posted for it.
            var other = await _http.CreateEmployerAsync();
            var need = await _http.CreateNeedAsync(other);
            var clientId = (await twins.First(r => r.StatusCode == HttpStatusCode.Created).JsonAsync()).GetProperty("id").GetInt32();
            var answers = await Task.WhenAll(
                _http.DeleteAsync($"/api/needs/{need}"),
                _http.PostAsJsonAsync("/api/outcomes", new { needId = need, clientId, stage = "Proposed", date = "2027-01-10", decidedBy = "IFK-01" }),
                _http.PostAsJsonAsync($"/api/needs/{need}/comments", new { author = "Arbeitgeber", text = "Bitte schnell." }));
            foreach (var r in answers)
            {
                Count("delete need / post outcome, comment", r.StatusCode);
            }
        }

        var summary = string.Join("; ", counts.Select(c => $"{c.Key}: {string.Join(", ", c.Value.OrderBy(v => v.Key).Select(v => $"{(int)v.Key}×{v.Value}"))}"));
        output.WriteLine(summary);
        Assert.True(counts.Values.All(c => c.Keys.All(s => (int)s < 500)), summary);

        // What was refused left nothing behind: no outcome or comment of a deleted need, no need of a deleted employer.
        var orphans = await factory.WithDbAsync(async db =>
            db.Outcomes.Count(o => !db.Needs.Any(n => n.Id == o.NeedId))
            + db.NeedComments.Count(c => !db.Needs.Any(n => n.Id == c.NeedId))
            + db.Needs.Count(n => !db.Employers.Any(e => e.Id == n.EmployerId)));
        Assert.Equal(0, await Task.FromResult(orphans));
    }

    private static async Task<(T, T)> Both<T>(Task<T> a, Task<T> b)
    {
        await Task.WhenAll(a, b);
        return (await a, await b);
    }
}
