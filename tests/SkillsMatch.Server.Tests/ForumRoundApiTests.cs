using System.Net;
using System.Net.Http.Json;

namespace SkillsMatch.Server.Tests;

public sealed class ForumRoundApiTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Round_collects_needs_posted_into_it()
    {
        var employer = await _http.CreateEmployerAsync();
        var round = (await _http.CreateAsync("/api/forum/rounds", new { title = "Kompetenzforum Pflege", sector = "health_care", regionCode = "073390005", date = "2027-02-10" })).GetProperty("id").GetInt32();

        var need = await _http.CreateAsync($"/api/forum/rounds/{round}/needs", TestData.Need(employer).With("kind", "Forecast"));
        Assert.Equal(round, need.GetProperty("forumRoundId").GetInt32());

        var needs = await (await _http.GetAsync($"/api/forum/rounds/{round}/needs")).JsonAsync();
        Assert.Equal(1, needs.GetProperty("total").GetInt32());
        var read = await (await _http.GetAsync($"/api/forum/rounds/{round}")).JsonAsync();
        Assert.Equal(1, read.GetProperty("needCount").GetInt32());
    }

    [Fact]
    public async Task Deleting_a_round_keeps_its_needs_as_standalone_needs()
    {
        var employer = await _http.CreateEmployerAsync();
        var round = (await _http.CreateAsync("/api/forum/rounds", new { title = "Forum", date = "2027-02-10" })).GetProperty("id").GetInt32();
        var need = (await _http.CreateAsync($"/api/forum/rounds/{round}/needs", TestData.Need(employer))).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/forum/rounds/{round}")).StatusCode);

        var read = await (await _http.GetAsync($"/api/needs/{need}")).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("forumRoundId").ValueKind);
    }

    [Theory]
    [InlineData("title", "")]
    [InlineData("sector", "space")]
    [InlineData("regionCode", "123")]
    [InlineData("date", null)]
    public async Task Invalid_round_is_rejected_and_changes_nothing(string field, string? value)
    {
        var before = await factory.StateAsync();
        var body = new Dictionary<string, object?> { ["title"] = "Forum", ["date"] = "2027-01-01" }.With(field, value);
        var response = await _http.PostAsJsonAsync("/api/forum/rounds", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Need_posted_to_a_round_must_not_name_another_round()
    {
        var employer = await _http.CreateEmployerAsync();
        var round = (await _http.CreateAsync("/api/forum/rounds", new { title = "Forum", date = "2027-02-10" })).GetProperty("id").GetInt32();
        var before = await factory.StateAsync();
        var response = await _http.PostAsJsonAsync($"/api/forum/rounds/{round}/needs", TestData.Need(employer).With("forumRoundId", round + 1000));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["forumRoundId"], await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Unknown_round_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/forum/rounds/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/forum/rounds/999999/needs")).StatusCode);
    }

    [Fact]
    public async Task Round_is_updated_with_its_version()
    {
        var round = (await _http.CreateAsync("/api/forum/rounds", new { title = "Forum", date = "2027-02-10" })).GetProperty("id").GetInt32();
        var ok = await _http.PutAsJsonAsync($"/api/forum/rounds/{round}", new { title = "Forum Bau", sector = "construction", date = "2027-02-11", version = 1 });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var stale = await _http.PutAsJsonAsync($"/api/forum/rounds/{round}", new { title = "Forum Handel", date = "2027-02-11", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Forum Bau", await factory.WithDbAsync(async db => (await db.ForumRounds.FindAsync(round))!.Title));
    }
}
