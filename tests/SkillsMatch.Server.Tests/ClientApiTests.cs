using System.Net;
using System.Net.Http.Json;

namespace SkillsMatch.Server.Tests;

public sealed class ClientApiTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Client_profile_is_created_read_updated_and_deleted()
    {
        var created = await _http.CreateAsync("/api/clients", TestData.Client());
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("Gabelstapler bedienen", created.GetProperty("skills")[0].GetProperty("label").GetString());
        Assert.Equal("B2", created.GetProperty("languages")[0].GetProperty("level").GetString());

        var update = TestData.Client().With("reference", created.GetProperty("reference").GetString()).With("maxCommuteMinutes", 60).With("version", 1);
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/api/clients/{id}", update)).StatusCode);
        Assert.Equal(60, await factory.WithDbAsync(async db => (await db.Clients.FindAsync(id))!.MaxCommuteMinutes));

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/clients/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/clients/{id}")).StatusCode);
    }

    public static TheoryData<string, object?, string> InvalidFields => new()
    {
        { "reference", "", "reference" },
        { "reference", "Max Mustermann", "reference" },
        { "skills", new[] { new { skillId = "nope", level = 2, evidence = "Assessment" } }, "skills[0].skillId" },
        { "skills", new[] { new { skillId = TestData.OperateForklift, level = 0, evidence = "Assessment" } }, "skills[0].level" },
        { "languages", new[] { new { code = "de", level = "A0" } }, "languages[0].level" },
        { "pastOccupations", new[] { new { occupationId = "nope", years = 2 } }, "pastOccupations[0].occupationId" },
        { "desiredOccupations", new[] { "nope" }, "desiredOccupations[0]" },
        { "homeMunicipalityAgs", "11111111", "homeMunicipalityAgs" },
        { "barriers", new[] { "bad_luck" }, "barriers[0]" },
        { "maxCommuteMinutes", 500, "maxCommuteMinutes" },
        { "hoursPerWeek", 0, "hoursPerWeek" },
        { "certificates", new[] { "ZZZ" }, "certificates[0]" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Invalid_profile_is_rejected_naming_the_field_and_changes_nothing(string field, object? value, string expected)
    {
        var before = await factory.StateAsync();
        var response = await _http.PostAsJsonAsync("/api/clients", TestData.Client().With(field, value));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task A_car_counts_only_with_a_driving_licence()
    {
        var before = await factory.StateAsync();
        var response = await _http.PostAsJsonAsync("/api/clients", TestData.Client().With("drivingLicence", false).With("hasCar", true));
        Assert.Equal(["hasCar"], await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Pseudonymous_reference_is_unique()
    {
        var first = await _http.CreateAsync("/api/clients", TestData.Client());
        var before = await factory.StateAsync();
        var response = await _http.PostAsJsonAsync("/api/clients", TestData.Client().With("reference", first.GetProperty("reference").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["reference"], await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Clients_are_filtered_by_caseworker_region_and_skill()
    {
        var mine = await _http.CreateAsync("/api/clients", TestData.Client().With("caseworker", "IFK-77"));
        await _http.CreateAsync("/api/clients", TestData.Client().With("caseworker", "IFK-78"));
        var page = await (await _http.GetAsync($"/api/clients?caseworker=IFK-77&region=07339&skill={TestData.OperateForklift}")).JsonAsync();
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(mine.GetProperty("id").GetInt32(), page.GetProperty("items")[0].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Changing_only_skills_bumps_the_version_so_a_stale_update_is_refused()
    {
        var created = await _http.CreateAsync("/api/clients", TestData.Client());
        var id = created.GetProperty("id").GetInt32();
        var reference = created.GetProperty("reference").GetString();
        var onlySkills = TestData.Client().With("reference", reference).With("skills", Array.Empty<object>()).With("version", 1);

        var updated = await (await _http.PutAsJsonAsync($"/api/clients/{id}", onlySkills)).JsonAsync();
        Assert.Equal(2, updated.GetProperty("version").GetInt64());

        var before = await factory.StateAsync();
        var stale = await _http.PutAsJsonAsync($"/api/clients/{id}", TestData.Client().With("reference", reference).With("version", 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(before, await factory.StateAsync());
        Assert.Empty(await factory.WithDbAsync(async db => (await db.Clients.FindAsync(id))!.Skills));
    }

    [Fact]
    public async Task Stale_profile_update_is_a_conflict()
    {
        var created = await _http.CreateAsync("/api/clients", TestData.Client());
        var id = created.GetProperty("id").GetInt32();
        var reference = created.GetProperty("reference").GetString();
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/api/clients/{id}", TestData.Client().With("reference", reference).With("version", 1))).StatusCode);
        var before = await factory.StateAsync();
        var stale = await _http.PutAsJsonAsync($"/api/clients/{id}", TestData.Client().With("reference", reference).With("hoursPerWeek", 10).With("version", 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(before, await factory.StateAsync());
    }
}
