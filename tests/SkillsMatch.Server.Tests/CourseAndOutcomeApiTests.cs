using System.Net;
using System.Net.Http.Json;

namespace SkillsMatch.Server.Tests;

public sealed class CourseAndOutcomeApiTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Course_is_created_with_cohorts_and_classed_short_term()
    {
        var course = await _http.CreateAsync("/api/courses", TestData.Course());
        Assert.Equal("short", course.GetProperty("term").GetString());
        Assert.Equal("2027-02-08", course.GetProperty("cohorts")[0].GetProperty("endDate").GetString());
        var list = await (await _http.GetAsync($"/api/courses?skill={TestData.OperateForklift}")).JsonAsync();
        Assert.True(list.GetProperty("total").GetInt32() >= 1);

        var id = course.GetProperty("id").GetInt32();
        var update = TestData.Course().With("durationWeeks", 20).With("version", 1);
        var updated = await (await _http.PutAsJsonAsync($"/api/courses/{id}", update)).JsonAsync();
        Assert.Equal("medium", updated.GetProperty("term").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/courses/{id}")).StatusCode);
    }

    public static TheoryData<string, object?, string> InvalidCourses => new()
    {
        { "durationWeeks", 60, "durationWeeks" },
        { "funding", new[] { "Lottery" }, "funding[0]" },
        { "municipalityAgs", null, "municipalityAgs" },
        { "cohorts", new[] { new { startDate = "2027-01-01", capacity = 5, seatsTaken = 6 } }, "cohorts[0].seatsTaken" },
        { "certificatesAwarded", new[] { "NOPE" }, "certificatesAwarded[0]" },
        { "costEuros", -1, "costEuros" },
    };

    [Theory]
    [MemberData(nameof(InvalidCourses))]
    public async Task Invalid_course_is_rejected_and_changes_nothing(string field, object? value, string expected)
    {
        var before = await factory.StateAsync();
        var response = await _http.PostAsJsonAsync("/api/courses", TestData.Course().With(field, value));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Course_that_teaches_nothing_is_rejected()
    {
        var before = await factory.StateAsync();
        var response = await _http.PostAsJsonAsync("/api/courses", TestData.Course().With("skills", Array.Empty<object>()).With("certificatesAwarded", Array.Empty<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["skills"], await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Course_with_prerequisites_and_a_language_level_is_stored()
    {
        var body = TestData.Course()
            .With("skills", Array.Empty<object>()).With("certificatesAwarded", Array.Empty<string>())
            .With("languagesTaught", new[] { new { code = "de", level = "B1" } })
            .With("prerequisiteLanguages", new[] { new { code = "de", level = "A2" } })
            .With("prerequisiteCertificates", new[] { "LIC-B" })
            .With("prerequisiteSkills", new[] { new { skillId = TestData.OperateForklift, level = 1 } });
        var course = await _http.CreateAsync("/api/courses", body);
        Assert.Equal("B1", course.GetProperty("languagesTaught")[0].GetProperty("level").GetString());
        Assert.Equal("LIC-B", course.GetProperty("prerequisiteCertificates")[0].GetString());
        Assert.Equal(TestData.OperateForklift, course.GetProperty("prerequisiteSkills")[0].GetProperty("skillId").GetString());

        var before = await factory.StateAsync();
        var bad = await _http.PostAsJsonAsync("/api/courses", body.With("prerequisiteLanguages", new[] { new { code = "de", level = "X9" } }));
        Assert.Equal(["prerequisiteLanguages[0].level"], await bad.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Outcome_records_a_proposal_and_its_result()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer);
        var client = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();

        var outcome = await _http.CreateAsync("/api/outcomes", new { needId = need, clientId = client, stage = "Proposed", date = "2027-01-10", decidedBy = "IFK-01" });
        var id = outcome.GetProperty("id").GetInt32();
        var hired = await _http.PutAsJsonAsync($"/api/outcomes/{id}", new { needId = need, clientId = client, stage = "Hired", date = "2027-02-01", decidedBy = "IFK-01", version = 1 });
        Assert.Equal(HttpStatusCode.OK, hired.StatusCode);

        var list = await (await _http.GetAsync($"/api/outcomes?need={need}&stage=Hired")).JsonAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Outcome_for_unknown_need_or_client_is_rejected_naming_both()
    {
        var before = await factory.StateAsync();
        var response = await _http.PostAsJsonAsync("/api/outcomes", new { needId = 999999, clientId = 999999, stage = "Proposed", date = "2027-01-10" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["clientId", "needId"], await response.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Unknown_course_and_outcome_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/courses/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.DeleteAsync("/api/outcomes/999999")).StatusCode);
    }
}
