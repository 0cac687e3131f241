using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SkillsMatch.Server.Tests;

/// <summary>
/// Issue 10's findings, each at the mechanism that now handles it: charsets, enums by name,
/// binding failures in German naming the parameter, bounded paging, strict ids, strong ETags,
/// and writes racing each other answered 409/412, never 500 — with the data unchanged by every refusal.
/// </summary>
public sealed class BadInputTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
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
