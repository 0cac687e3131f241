using Microsoft.Extensions.DependencyInjection;
using System.Net;

namespace SkillsMatch.Server.Tests;

public sealed class ReferenceApiTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task The_term_index_is_built_in_the_background_after_start_up_without_failing()
    {
        // Registered as a hosted service (switched off in the test factory, so the app here has not built it).
        var registered = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Features.Reference.TermIndexWarmup>().Single();
        Assert.Null(registered.Build);

        // Switched on: start-up returns at once and the build finishes on a pool thread.
        var reference = factory.Services.GetRequiredService<SkillsMatch.Engine.Reference.ReferenceData>();
        var warmup = new Features.Reference.TermIndexWarmup(
            reference,
            Microsoft.Extensions.Options.Options.Create(new ReferenceDataOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Features.Reference.TermIndexWarmup>.Instance);
        await warmup.StartAsync(CancellationToken.None);
        Assert.NotNull(warmup.Build);
        await warmup.Build.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(warmup.Build.IsCompletedSuccessfully);
        Assert.True(reference.Terms.Prepare() > 100_000);
        await warmup.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Skill_search_finds_everyday_German_words()
    {
        var hits = await (await _http.GetAsync("/api/skills?q=Staplerschein")).JsonAsync();
        Assert.Equal(TestData.OperateForklift, hits[0].GetProperty("id").GetString());
        Assert.Equal("Gabelstapler bedienen", hits[0].GetProperty("label").GetString());
        Assert.Equal("Staplerschein", hits[0].GetProperty("matchedLabel").GetString());
    }

    [Fact]
    public async Task Skill_search_puts_the_exact_label_first_and_ignores_case_and_umlauts()
    {
        var exact = await (await _http.GetAsync("/api/skills?q=OPERATE%20FORKLIFT")).JsonAsync();
        Assert.Equal("Exact", exact[0].GetProperty("match").GetString());
        var umlaut = await (await _http.GetAsync("/api/skills?q=Gem%C3%BCse&limit=5")).JsonAsync();
        var spelled = await (await _http.GetAsync("/api/skills?q=Gemuese&limit=5")).JsonAsync();
        Assert.Equal(umlaut.ToString(), spelled.ToString());
    }

    [Fact]
    public async Task Term_search_resolves_job_titles_languages_and_licences()
    {
        var title = await (await _http.GetAsync("/api/terms?q=Staplerfahrer&limit=3")).JsonAsync();
        Assert.Contains(title.EnumerateArray(), h => h.GetProperty("kind").GetString() == "Occupation");
        Assert.Contains(title.EnumerateArray(), h => h.GetProperty("kind").GetString() == "Skill" && h.GetProperty("id").GetString() == TestData.OperateForklift);

        var language = await (await _http.GetAsync("/api/terms?q=gute%20Deutschkenntnisse")).JsonAsync();
        Assert.Equal("Language", language[0].GetProperty("kind").GetString());
        Assert.Equal("de", language[0].GetProperty("id").GetString());
        Assert.Equal("Deutsch", language[0].GetProperty("label").GetString());

        var licence = await (await _http.GetAsync("/api/terms?q=F%C3%BChrerschein%20CE&lang=en")).JsonAsync();
        Assert.Equal("LIC-CE", licence[0].GetProperty("id").GetString());
        Assert.StartsWith("Driving licence class CE", licence[0].GetProperty("label").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Term_search_without_text_is_a_validation_problem()
    {
        var response = await _http.GetAsync("/api/terms?q=%20");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Labels_are_English_on_request()
    {
        var hits = await (await _http.GetAsync("/api/skills?q=Staplerschein&lang=en")).JsonAsync();
        Assert.Equal("operate forklift", hits[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task Skill_detail_shows_hierarchy_relations_and_synonyms()
    {
        var skill = await (await _http.GetAsync($"/api/skills/{TestData.OperateForklift}")).JsonAsync();
        Assert.NotEmpty(skill.GetProperty("broader").EnumerateArray());
        Assert.Contains(skill.GetProperty("synonyms").EnumerateArray(), s => s.GetString() == "Staplerschein");
    }

    [Fact]
    public async Task Occupation_search_returns_essential_and_optional_skills()
    {
        var hits = await (await _http.GetAsync("/api/occupations?q=Lagerarbeiter&limit=3")).JsonAsync();
        var first = hits[0];
        Assert.Equal(TestData.WarehouseWorker, first.GetProperty("id").GetString());
        Assert.NotEmpty(first.GetProperty("essentialSkills").EnumerateArray());
        Assert.NotEmpty(first.GetProperty("optionalSkills").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/occupations/{TestData.WarehouseWorker}")).StatusCode);
    }

    [Theory]
    [InlineData("/api/skills", "q")]
    [InlineData("/api/skills?q=%20%2F", "q")]
    [InlineData("/api/skills?q=stapler&limit=0", "limit")]
    [InlineData("/api/occupations?q=lager&limit=1000", "limit")]
    public async Task Bad_search_parameters_get_problem_details(string url, string field)
    {
        var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Unknown_skill_and_occupation_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/skills/no-such-skill")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/occupations/no-such-occupation")).StatusCode);
    }

    [Fact]
    public async Task Regions_list_the_municipalities_with_coordinates()
    {
        var all = await (await _http.GetAsync("/api/regions")).JsonAsync();
        Assert.Equal(270, all.GetArrayLength());
        var county = await (await _http.GetAsync("/api/regions?district=07339")).JsonAsync();
        Assert.Equal(64, county.GetArrayLength());
        Assert.True(county[0].GetProperty("latitude").GetDouble() > 49);
    }

    [Fact]
    public async Task Vocabulary_lists_certificates_languages_barriers_and_sectors()
    {
        var vocabulary = await (await _http.GetAsync("/api/vocabulary")).JsonAsync();
        Assert.Contains(vocabulary.GetProperty("certificates").EnumerateArray(), c => c.GetProperty("code").GetString() == "FORKLIFT");
        Assert.Contains(vocabulary.GetProperty("barriers").EnumerateArray(), c => c.GetProperty("code").GetString() == "debt");
        Assert.Equal(10, vocabulary.GetProperty("sectors").GetArrayLength());
    }

    [Fact]
    public async Task Health_OpenAPI_and_API_UI_answer()
    {
        Assert.Equal("Healthy", await _http.GetStringAsync("/health"));
        var openApi = await (await _http.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/needs", "/api/clients", "/api/employers", "/api/forum/rounds", "/api/courses", "/api/outcomes", "/api/skills" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        var docs = await _http.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
