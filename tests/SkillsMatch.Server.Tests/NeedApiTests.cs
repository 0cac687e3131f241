using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace SkillsMatch.Server.Tests;

public sealed class NeedApiTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Need_is_created_read_updated_and_deleted()
    {
        var employer = await _http.CreateEmployerAsync();
        var created = await _http.CreateAsync("/api/needs", TestData.Need(employer));
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("Open", created.GetProperty("status").GetString());
        Assert.Equal(1, created.GetProperty("version").GetInt64());
        Assert.Equal("Gabelstapler bedienen", created.GetProperty("mustHave")[0].GetProperty("label").GetString());

        var read = await _http.GetAsync($"/api/needs/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);

        var update = TestData.Need(employer).With("headcount", 5).With("status", "Filled").With("version", 1);
        var updated = await _http.PutAsJsonAsync($"/api/needs/{id}", update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = await updated.JsonAsync();
        Assert.Equal(5, body.GetProperty("headcount").GetInt32());
        Assert.Equal(2, body.GetProperty("version").GetInt64());
        Assert.Equal(5, await factory.WithDbAsync(async db => (await db.Needs.FindAsync(id))!.Headcount));

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/needs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/needs/{id}")).StatusCode);
    }

    public static TheoryData<string, object?, string> InvalidFields => new()
    {
        { "periodEnd", "2027-02-01", "periodEnd" },
        { "headcount", 0, "headcount" },
        { "mustHave", Array.Empty<object>(), "mustHave" },
        { "mustHave", new[] { new { skillId = "no-such-skill", minLevel = 2 } }, "mustHave[0].skillId" },
        { "mustHave", new[] { new { skillId = TestData.OperateForklift, minLevel = 7 } }, "mustHave[0].minLevel" },
        { "occupationId", "no-such-occupation", "occupationId" },
        { "municipalityAgs", "99999999", "municipalityAgs" },
        { "languages", new[] { new { code = "de", level = "C3" } }, "languages[0].level" },
        { "languages", new[] { new { code = "xx", level = "B1" } }, "languages[0].code" },
        { "certificates", new[] { "NO-SUCH-LICENCE" }, "certificates[0]" },
        { "title", new string('x', 201), "title" },
        { "employerId", 987654, "employerId" },
        { "forumRoundId", 987654, "forumRoundId" },
        { "hoursPerWeek", 80, "hoursPerWeek" },
        { "status", "Filled", "status" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Invalid_need_is_rejected_naming_the_field_and_changes_nothing(string field, object? value, string expectedField)
    {
        var employer = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();

        var response = await _http.PostAsJsonAsync("/api/needs", TestData.Need(employer).With(field, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expectedField, await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Every_offending_field_is_listed_in_one_problem()
    {
        var employer = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();
        var body = TestData.Need(employer)
            .With("headcount", 0)
            .With("periodEnd", "2020-01-01")
            .With("mustHave", new[] { new { skillId = "nope", minLevel = 1 } })
            .With("municipalityAgs", "123")
            .With("languages", new[] { new { code = "de", level = "Z9" } });

        var response = await _http.PostAsJsonAsync("/api/needs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["headcount", "languages[0].level", "municipalityAgs", "mustHave[0].skillId", "periodEnd"],
            await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Too_many_skills_are_rejected()
    {
        var employer = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();
        var many = Enumerable.Range(0, 101).Select(_ => new { skillId = TestData.OperateForklift, minLevel = 1 }).ToArray();

        var response = await _http.PostAsJsonAsync("/api/needs", TestData.Need(employer).With("mustHave", many));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("mustHave", await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Oversized_body_is_refused_with_problem_details_and_changes_nothing()
    {
        var employer = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();
        var body = TestData.Need(employer).With("furtherAbilities", new string('x', 300_000));

        var response = await _http.PostAsJsonAsync("/api/needs", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Malformed_value_names_the_field()
    {
        var employer = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();

        var response = await _http.PostAsJsonAsync("/api/needs", TestData.Need(employer).With("kind", "Permanent"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kind", await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Broken_json_is_a_problem_not_a_crash()
    {
        var response = await _http.PostAsync("/api/needs", new StringContent("{\"kind\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stale_update_is_refused_with_409_and_changes_nothing()
    {
        var employer = await _http.CreateEmployerAsync();
        var id = await _http.CreateNeedAsync(employer);
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/api/needs/{id}", TestData.Need(employer).With("headcount", 3).With("version", 1))).StatusCode);
        var before = await factory.StateAsync();

        // A second caseworker still holds version 1.
        var stale = await _http.PutAsJsonAsync($"/api/needs/{id}", TestData.Need(employer).With("headcount", 9).With("version", 1));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(before, await factory.StateAsync());
        Assert.Equal(3, await factory.WithDbAsync(async db => (await db.Needs.FindAsync(id))!.Headcount));
    }

    [Fact]
    public async Task Stale_If_Match_is_refused_with_412()
    {
        var employer = await _http.CreateEmployerAsync();
        var id = await _http.CreateNeedAsync(employer);
        var before = await factory.StateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/needs/{id}") { Content = JsonContent.Create(TestData.Need(employer).With("headcount", 4)) };
        request.Headers.IfMatch.ParseAdd("\"7\"");

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Update_without_a_version_is_refused_so_no_update_is_lost()
    {
        var employer = await _http.CreateEmployerAsync();
        var id = await _http.CreateNeedAsync(employer);
        var before = await factory.StateAsync();

        var response = await _http.PutAsJsonAsync($"/api/needs/{id}", TestData.Need(employer).With("headcount", 4));

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Status_moves_only_along_the_lifecycle()
    {
        var employer = await _http.CreateEmployerAsync();
        var id = await _http.CreateNeedAsync(employer, b => b.With("status", "Draft"));
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/api/needs/{id}", TestData.Need(employer).With("status", "Open").With("version", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/api/needs/{id}", TestData.Need(employer).With("status", "Filled").With("version", 2))).StatusCode);
        var before = await factory.StateAsync();

        var back = await _http.PutAsJsonAsync($"/api/needs/{id}", TestData.Need(employer).With("status", "Draft").With("version", 3));

        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Contains("status", await back.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Unknown_need_is_404_for_read_update_and_delete()
    {
        var employer = await _http.CreateEmployerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/needs/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PutAsJsonAsync("/api/needs/999999", TestData.Need(employer).With("version", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.DeleteAsync("/api/needs/999999")).StatusCode);
    }

    [Fact]
    public async Task Needs_are_filtered_by_status_region_skill_period_and_round()
    {
        var employer = await _http.CreateEmployerAsync();
        var round = (await _http.CreateAsync("/api/forum/rounds", new { title = "Forum Logistik", sector = "logistics", date = "2027-01-20" })).GetProperty("id").GetInt32();
        var inRound = await _http.CreateNeedAsync(employer, b => b.With("forumRoundId", round).With("kind", "Forecast"));
        var draft = await _http.CreateNeedAsync(employer, b => b.With("status", "Draft").With("municipalityAgs", TestData.Ingelheim));
        var late = await _http.CreateNeedAsync(employer, b => b.With("periodStart", "2028-06-01").With("periodEnd", null)
            .With("mustHave", new[] { new { skillId = "fb3bc9b5-2297-4bba-85b1-60f696a92db8", minLevel = 1 } }));

        async Task<int[]> Ids(string query)
        {
            var response = await _http.GetAsync($"/api/needs?employer={employer}&{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            return [.. page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetInt32()).Order()];
        }

        Assert.Equal([draft], await Ids("status=Draft"));
        Assert.Equal([draft], await Ids($"region={TestData.Ingelheim}"));
        Assert.Equal([inRound, draft, late], await Ids("region=07339"));
        Assert.Equal([late], await Ids("skill=fb3bc9b5-2297-4bba-85b1-60f696a92db8"));
        Assert.Equal([inRound, draft], await Ids($"skill={TestData.OperateForklift}"));
        Assert.Equal([late], await Ids("from=2028-01-01"));
        Assert.Equal([inRound, draft], await Ids("from=2027-01-01&to=2027-12-31"));
        Assert.Equal([inRound], await Ids($"round={round}"));
        Assert.Equal([inRound], await Ids("kind=Forecast"));
    }

    [Fact]
    public async Task List_is_paged_with_a_total()
    {
        var employer = await _http.CreateEmployerAsync();
        for (var i = 0; i < 3; i++)
        {
            await _http.CreateNeedAsync(employer);
        }

        var page = await (await _http.GetAsync($"/api/needs?employer={employer}&page=2&pageSize=2")).JsonAsync();
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Single(page.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("region=12345", "region")]
    [InlineData("skill=unknown", "skill")]
    [InlineData("from=2027-05-01&to=2027-01-01", "to")]
    public async Task Bad_list_parameters_get_problem_details(string query, string field)
    {
        var response = await _http.GetAsync($"/api/needs?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Unknown_status_in_a_query_is_a_problem()
    {
        var response = await _http.GetAsync("/api/needs?status=Maybe");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Comments_are_added_listed_and_deleted()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer);
        var comment = await _http.CreateAsync($"/api/needs/{need}/comments", new { author = "Arbeitgeber", text = "Quereinsteiger willkommen." });
        var list = await (await _http.GetAsync($"/api/needs/{need}/comments")).JsonAsync();
        Assert.Equal("Quereinsteiger willkommen.", list[0].GetProperty("text").GetString());

        var before = await factory.StateAsync();
        var empty = await _http.PostAsJsonAsync($"/api/needs/{need}/comments", new { author = "", text = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(["author", "text"], await empty.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsJsonAsync("/api/needs/999999/comments", new { author = "a", text = "b" })).StatusCode);
        Assert.Equal(before, await factory.StateAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/needs/{need}/comments/{comment.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Empty((await (await _http.GetAsync($"/api/needs/{need}/comments")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Problem_texts_are_German_by_default_and_English_on_request()
    {
        var german = await (await _http.GetAsync("/api/needs/999999")).JsonAsync();
        var english = await (await _http.GetAsync("/api/needs/999999?lang=en")).JsonAsync();
        Assert.Equal("Bedarf 999999 gibt es nicht.", german.GetProperty("detail").GetString());
        Assert.Equal("There is no need 999999.", english.GetProperty("detail").GetString());
    }
}
