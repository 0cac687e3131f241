using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Tests;

/// <summary>Each test gets its own database: the course catalogue is shared by every match.</summary>
public sealed class TrainingApiTests : IDisposable
{
    private readonly SkillsMatchFactory factory = new();
    private readonly HttpClient _http;

    public TrainingApiTests() => _http = factory.CreateClient();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Plan_closes_the_gap_with_a_course_that_ends_before_the_need_starts_and_refers_barriers()
    {
        var (need, _) = await ForkliftNeedAsync();
        var course = await ForkliftCourseAsync(seatsTaken: 2);
        var client = await UnlicensedClientAsync();

        var response = await _http.GetAsync($"/api/clients/{client}/plan?need={need}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var plan = body.GetProperty("plan");

        Assert.True(plan.GetProperty("readyInTime").GetBoolean());
        var step = Assert.Single(plan.GetProperty("steps").EnumerateArray());
        Assert.Equal(course, step.GetProperty("courseId").GetInt32());
        Assert.Equal("short", step.GetProperty("term").GetString());
        Assert.Equal(Date(14), step.GetProperty("start").GetString());
        Assert.True(DateOnly.Parse(plan.GetProperty("readyBy").GetString()!, CultureInfo.InvariantCulture) < DateOnly.Parse(plan.GetProperty("needStart").GetString()!, CultureInfo.InvariantCulture));
        Assert.Contains(plan.GetProperty("explanation").EnumerateArray(), s => s.GetString()!.StartsWith("Bereit bis", StringComparison.Ordinal));
        var referral = Assert.Single(body.GetProperty("referrals").EnumerateArray());
        Assert.Equal("childcare", referral.GetProperty("barrier").GetString());
        Assert.NotEmpty(referral.GetProperty("services").EnumerateArray());
    }

    [Fact]
    public async Task Client_with_childcare_duties_gets_no_cohort_outside_childcare_hours_and_is_told_so()
    {
        var (need, _) = await ForkliftNeedAsync();
        await ForkliftCourseAsync(seatsTaken: 0, childcareCompatible: false);
        var carer = await UnlicensedClientAsync();
        var other = await UnlicensedClientAsync(barriers: []);

        var plan = (await (await _http.GetAsync($"/api/clients/{carer}/plan?need={need}")).JsonAsync()).GetProperty("plan");
        Assert.Empty(plan.GetProperty("steps").EnumerateArray());
        Assert.Contains(plan.GetProperty("explanation").EnumerateArray(), s => s.GetString()!.StartsWith("Kein Kurstermin passt zu 40 Std./Woche und Betreuungszeiten", StringComparison.Ordinal));

        var otherPlan = (await (await _http.GetAsync($"/api/clients/{other}/plan?need={need}")).JsonAsync()).GetProperty("plan");
        Assert.Single(otherPlan.GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task Skill_gap_the_employer_teaches_on_the_job_is_covered_by_familiarisation()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = (await _http.CreateAsync("/api/needs", ForkliftNeed(employer)
            .With("mustHave", new[] { new { skillId = TestData.OperateForklift, minLevel = 4, onTheJobWeeks = 3 } }))).GetProperty("id").GetInt32();
        await ForkliftCourseAsync(seatsTaken: 0);
        var client = await UnlicensedClientAsync();

        var plan = (await (await _http.GetAsync($"/api/clients/{client}/plan?need={need}")).JsonAsync()).GetProperty("plan");

        Assert.True(plan.GetProperty("readyInTime").GetBoolean());
        Assert.Equal(TestData.OperateForklift, Assert.Single(plan.GetProperty("onTheJob").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(3, plan.GetProperty("familiarisationWeeks").GetInt32());
        Assert.Contains(plan.GetProperty("explanation").EnumerateArray(), s => s.GetString()!.StartsWith("Einarbeitung im Betrieb (3 Wo.)", StringComparison.Ordinal));

        var tooLong = await _http.PostAsJsonAsync("/api/needs", ForkliftNeed(employer)
            .With("mustHave", new[] { new { skillId = TestData.OperateForklift, minLevel = 2, onTheJobWeeks = 30 } }));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Gap_no_course_covers_is_named_in_the_plan()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("certificates", new[] { "ERZIEHER" }).With("periodStart", Date(90)).With("periodEnd", null));
        var client = await UnlicensedClientAsync();

        var plan = (await (await _http.GetAsync($"/api/clients/{client}/plan?need={need}&lang=en")).JsonAsync()).GetProperty("plan");

        Assert.False(plan.GetProperty("readyInTime").GetBoolean());
        Assert.Contains(plan.GetProperty("uncovered").EnumerateArray(), g => g.GetProperty("id").GetString() == "ERZIEHER");
        Assert.Contains(plan.GetProperty("explanation").EnumerateArray(), s => s.GetString()!.StartsWith("No catalogue course for:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Client_who_can_be_ready_in_time_is_a_candidate_with_plan_and_ready_by_date()
    {
        var (need, _) = await ForkliftNeedAsync();
        await ForkliftCourseAsync(seatsTaken: 0);
        var client = await UnlicensedClientAsync();

        var candidates = (await (await _http.GetAsync($"/api/needs/{need}/candidates?top=50")).JsonAsync()).GetProperty("candidates").EnumerateArray().ToList();
        var row = candidates.Single(c => c.GetProperty("clientId").GetInt32() == client);
        Assert.True(row.GetProperty("plan").GetProperty("readyInTime").GetBoolean());
        Assert.Equal(1, row.GetProperty("features").GetProperty("trainingWeeks").GetSingle());

        var training = await (await _http.GetAsync($"/api/needs/{need}/training")).JsonAsync();
        Assert.Contains(training.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("clientId").GetInt32() == client);
    }

    [Fact]
    public async Task Full_course_means_no_plan_and_no_candidacy()
    {
        var (need, _) = await ForkliftNeedAsync();
        var course = await ForkliftCourseAsync(seatsTaken: 12);
        var client = await UnlicensedClientAsync();

        var plan = (await (await _http.GetAsync($"/api/clients/{client}/plan?need={need}")).JsonAsync()).GetProperty("plan");
        Assert.DoesNotContain(plan.GetProperty("steps").EnumerateArray(), s => s.GetProperty("courseId").GetInt32() == course);

        var candidates = (await (await _http.GetAsync($"/api/needs/{need}/candidates?top=100")).JsonAsync()).GetProperty("candidates").EnumerateArray();
        Assert.DoesNotContain(candidates, c => c.GetProperty("clientId").GetInt32() == client);
    }

    [Fact]
    public async Task Round_pools_needs_of_several_employers_into_a_group_course_and_lists_what_to_commission()
    {
        var round = (await _http.CreateAsync("/api/forum/rounds", new { title = "Forum Lager", sector = "logistics", date = Date(0) })).GetProperty("id").GetInt32();
        var first = await _http.CreateEmployerAsync();
        var second = await _http.CreateEmployerAsync();
        foreach (var employer in new[] { first, second })
        {
            await _http.CreateAsync($"/api/forum/rounds/{round}/needs", ForkliftNeed(employer).With("kind", "Forecast"));
        }

        await _http.CreateAsync($"/api/forum/rounds/{round}/needs", ForkliftNeed(first).With("certificates", new[] { "FORKLIFT", "ERZIEHER" }));
        var course = await ForkliftCourseAsync(seatsTaken: 10);
        await UnlicensedClientAsync();
        await UnlicensedClientAsync();
        await UnlicensedClientAsync();

        var report = await (await _http.GetAsync($"/api/forum/rounds/{round}/cohorts")).JsonAsync();

        var proposal = report.GetProperty("groupCourses").EnumerateArray().Single(p => p.GetProperty("courseId").GetInt32() == course);
        Assert.Equal(2, proposal.GetProperty("employerIds").GetArrayLength());
        Assert.Equal(2, proposal.GetProperty("freeSeats").GetInt32());
        Assert.Equal(2, proposal.GetProperty("clientsReadyInTime").GetInt32());
        Assert.Contains(report.GetProperty("toCommission").EnumerateArray(), c => c.GetProperty("id").GetString() == "ERZIEHER");

        // A planner and a training provider see the same report with the count of two suppressed.
        foreach (var reader in new[] { factory.CreateClientAs(Roles.Planner), factory.CreateClientAs(Roles.TrainingProvider, provider: "Bildungswerk Test") })
        {
            var aggregate = await (await reader.GetAsync($"/api/forum/rounds/{round}/cohorts")).JsonAsync();
            var row = aggregate.GetProperty("groupCourses").EnumerateArray().Single(p => p.GetProperty("courseId").GetInt32() == course);
            Assert.Equal(JsonValueKind.Null, row.GetProperty("clientsReadyInTime").ValueKind);
            Assert.True(row.GetProperty("suppressed").GetBoolean());
            Assert.Equal(5, aggregate.GetProperty("suppressedBelow").GetInt32());
        }

        Assert.False(proposal.GetProperty("suppressed").GetBoolean());
    }

    [Theory]
    [InlineData("/api/clients/{client}/plan", HttpStatusCode.BadRequest)]
    [InlineData("/api/clients/999999/plan?need={need}", HttpStatusCode.NotFound)]
    [InlineData("/api/clients/{client}/plan?need=999999", HttpStatusCode.NotFound)]
    [InlineData("/api/needs/999999/training", HttpStatusCode.NotFound)]
    [InlineData("/api/forum/rounds/999999/cohorts", HttpStatusCode.NotFound)]
    [InlineData("/api/training/cohorts?region=07339&from=2027-05-01&to=2027-01-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/training/cohorts?region=1&from=2027-01-01&to=2027-05-01", HttpStatusCode.BadRequest)]
    [InlineData("/api/training/cohorts?region=07339&from=2020-01-01&to=2030-12-31", HttpStatusCode.BadRequest)]
    [InlineData("/api/training/cohorts?region=07339&from=2027-01-01&to=2029-01-02", HttpStatusCode.BadRequest)]
    public async Task Bad_training_requests_get_problem_details(string template, HttpStatusCode status)
    {
        var (need, _) = await ForkliftNeedAsync();
        var client = await UnlicensedClientAsync();
        var response = await _http.GetAsync(template.Replace("{client}", client.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{need}", need.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Region_and_period_pooling_answers()
    {
        await ForkliftNeedAsync();
        var response = await _http.GetAsync($"/api/training/cohorts?region=07339&from={Date(0)}&to={Date(365)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        Assert.Equal(JsonValueKind.Array, report.GetProperty("groupCourses").ValueKind);
    }

    [Fact]
    public async Task Client_matches_carry_referrals_for_each_barrier()
    {
        var client = await UnlicensedClientAsync(barriers: ["debt", "childcare"]);
        var body = await (await _http.GetAsync($"/api/clients/{client}/matches")).JsonAsync();
        var barriers = body.GetProperty("referrals").EnumerateArray().Select(r => r.GetProperty("barrier").GetString()).Order().ToList();
        Assert.Equal(["childcare", "debt"], barriers);
    }

    private string Date(int days) => factory.Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Dictionary<string, object?> ForkliftNeed(int employer) => TestData.Need(employer)
        .With("periodStart", Date(60)).With("periodEnd", null).With("municipalityAgs", TestData.Ingelheim)
        .With("certificates", new[] { "FORKLIFT" }).With("languages", new[] { new { code = "de", level = "A2" } });

    private async Task<(int Need, int Employer)> ForkliftNeedAsync()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = (await _http.CreateAsync("/api/needs", ForkliftNeed(employer))).GetProperty("id").GetInt32();
        return (need, employer);
    }

    // Held 9–14 o'clock by default, so the client with childcare duties can attend it.
    private async Task<int> ForkliftCourseAsync(int seatsTaken, bool childcareCompatible = true) =>
        (await _http.CreateAsync("/api/courses", TestData.Course()
            .With("municipalityAgs", TestData.Ingelheim)
            .With("childcareCompatible", childcareCompatible)
            .With("cohorts", new[] { new { startDate = Date(14), capacity = 12, seatsTaken } }))).GetProperty("id").GetInt32();

    private async Task<int> UnlicensedClientAsync(string[]? barriers = null) =>
        (await _http.CreateAsync("/api/clients", TestData.Client()
            .With("certificates", new[] { "LIC-B" })
            .With("skills", new[] { new { skillId = TestData.OperateForklift, level = 2, evidence = "SelfReported" } })
            .With("availableFrom", Date(0))
            .With("hoursPerWeek", 40)
            .With("barriers", barriers ?? ["childcare"]))).GetProperty("id").GetInt32();
}
