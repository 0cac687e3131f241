using System.Net;
using System.Net.Http.Json;

namespace SkillsMatch.Server.Tests;

public sealed class EmployerApiTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Employer_is_created_listed_updated_and_deleted()
    {
        var created = await _http.CreateAsync("/api/employers", TestData.Employer().With("name", "Weingut Beispiel"));
        var id = created.GetProperty("id").GetInt32();

        var list = await (await _http.GetAsync("/api/employers?q=Beispiel&sector=logistics")).JsonAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        var updated = await _http.PutAsJsonAsync($"/api/employers/{id}", TestData.Employer().With("name", "Weingut Beispiel & Söhne").With("version", 1));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Weingut Beispiel & Söhne", await factory.WithDbAsync(async db => (await db.Employers.FindAsync(id))!.Name));

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/employers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/employers/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("name", "")]
    [InlineData("sector", "mining")]
    [InlineData("municipalityAgs", "00000000")]
    [InlineData("contactEmail", "not-an-address")]
    public async Task Invalid_employer_is_rejected_and_changes_nothing(string field, string value)
    {
        var before = await factory.StateAsync();
        var response = await _http.PostAsJsonAsync("/api/employers", TestData.Employer().With(field, value));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Invalid_update_changes_nothing()
    {
        var id = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();
        var response = await _http.PutAsJsonAsync($"/api/employers/{id}", TestData.Employer().With("sector", "").With("version", 1));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Stale_update_is_a_conflict()
    {
        var id = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();
        var response = await _http.PutAsJsonAsync($"/api/employers/{id}", TestData.Employer().With("version", 5));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Employer_with_needs_cannot_be_deleted()
    {
        var id = await _http.CreateEmployerAsync();
        await _http.CreateNeedAsync(id);
        var before = await factory.StateAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await _http.DeleteAsync($"/api/employers/{id}")).StatusCode);
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Unknown_employer_is_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PutAsJsonAsync("/api/employers/424242", TestData.Employer().With("version", 1))).StatusCode);
}
