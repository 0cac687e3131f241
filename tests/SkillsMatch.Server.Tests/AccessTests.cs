using System.Net;
using System.Net.Http.Json;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Tests;

/// <summary>A caseworker reaches their own caseload only (the production default).</summary>
public sealed class OwnCaseloadFactory : SkillsMatchFactory
{
    protected override CaseloadScope Caseload => CaseloadScope.Own;
}

/// <summary>Caseworkers reach their team's caseloads: team Nord is NORD-1 and NORD-2.</summary>
public sealed class TeamCaseloadFactory : SkillsMatchFactory
{
    protected override CaseloadScope Caseload => CaseloadScope.Team;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Access:Teams:Nord:0", "NORD-1");
        builder.UseSetting("Access:Teams:Nord:1", "NORD-2");
    }
}

/// <summary>Cross-tenant attempts: each person sees and changes only what is theirs.</summary>
public sealed class AccessTests(OwnCaseloadFactory factory) : IClassFixture<OwnCaseloadFactory>
{
    private readonly HttpClient _caseworker = factory.CreateClient();

    [Fact]
    public async Task Employer_A_cannot_read_list_change_or_delete_employer_B_s_need()
    {
        var a = await _caseworker.CreateEmployerAsync();
        var b = await _caseworker.CreateEmployerAsync();
        var needOfA = await _caseworker.CreateNeedAsync(a);
        var needOfB = await _caseworker.CreateNeedAsync(b);
        var employerA = factory.CreateClientAs(Roles.Employer, employerId: a);
        var before = await factory.StateAsync();

        Assert.Equal(HttpStatusCode.OK, (await employerA.GetAsync($"/api/needs/{needOfA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employerA.GetAsync($"/api/needs/{needOfB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employerA.PutAsJsonAsync($"/api/needs/{needOfB}", TestData.Need(b))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employerA.DeleteAsync($"/api/needs/{needOfB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employerA.GetAsync($"/api/needs/{needOfB}/comments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employerA.PostAsJsonAsync($"/api/needs/{needOfB}/comments", new { author = "A", text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employerA.GetAsync($"/api/needs/{needOfB}/pseudonymous-candidates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employerA.GetAsync($"/api/employers/{b}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employerA.PutAsJsonAsync($"/api/employers/{b}", TestData.Employer())).StatusCode);

        // Posting a need in B's name, or moving A's need to B, is refused naming the field.
        var foreign = await employerA.PostAsJsonAsync("/api/needs", TestData.Need(b));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(["employerId"], await foreign.ProblemFieldsAsync());
        var moved = await employerA.PutAsJsonAsync($"/api/needs/{needOfA}", TestData.Need(b));
        Assert.Equal(["employerId"], await moved.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());

        // The list holds A's needs only, and so does A's employer list.
        var list = await (await employerA.GetAsync("/api/needs?pageSize=200")).JsonAsync();
        Assert.All(list.GetProperty("items").EnumerateArray(), n => Assert.Equal(a, n.GetProperty("employerId").GetInt32()));
        var employers = await (await employerA.GetAsync("/api/employers")).JsonAsync();
        Assert.Equal([a], employers.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Caseworker_cannot_read_change_or_match_a_client_of_another_caseload()
    {
        var other = factory.CreateClientAs(Roles.Caseworker, caseworker: "IFK-07");
        var theirs = (await other.CreateAsync("/api/clients", TestData.Client().With("caseworker", "IFK-07"))).GetProperty("id").GetInt32();
        var mine = (await _caseworker.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        var employer = await _caseworker.CreateEmployerAsync();
        var need = await _caseworker.CreateNeedAsync(employer);
        var before = await factory.StateAsync();

        Assert.Equal(HttpStatusCode.OK, (await _caseworker.GetAsync($"/api/clients/{mine}")).StatusCode);
        foreach (var url in new[] { $"/api/clients/{theirs}", $"/api/clients/{theirs}/matches", $"/api/clients/{theirs}/plan?need={need}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _caseworker.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _caseworker.PutAsJsonAsync($"/api/clients/{theirs}", TestData.Client())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _caseworker.DeleteAsync($"/api/clients/{theirs}")).StatusCode);

        // Filing a client into someone else's caseload, or an outcome for their client, names the field.
        Assert.Equal(["caseworker"], await (await _caseworker.PostAsJsonAsync("/api/clients", TestData.Client().With("caseworker", "IFK-07"))).ProblemFieldsAsync());
        var outcome = await _caseworker.PostAsJsonAsync("/api/outcomes", new { needId = need, clientId = theirs, stage = "Proposed", date = "2027-01-04" });
        Assert.Equal(["clientId"], await outcome.ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());

        var list = await (await _caseworker.GetAsync("/api/clients?pageSize=200")).JsonAsync();
        Assert.All(list.GetProperty("items").EnumerateArray(), c => Assert.Equal(SkillsMatchFactory.DefaultCaseworker, c.GetProperty("caseworker").GetString()));
        Assert.Contains(mine, list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Provider_cannot_change_another_provider_s_course_or_post_under_its_name()
    {
        var theirs = (await _caseworker.CreateAsync("/api/courses", TestData.Course().With("provider", "Anderer Träger"))).GetProperty("id").GetInt32();
        var provider = factory.CreateClientAs(Roles.TrainingProvider, provider: "Eigener Träger");
        var before = await factory.StateAsync();

        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/courses/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.PutAsJsonAsync($"/api/courses/{theirs}", TestData.Course().With("provider", "Eigener Träger"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.DeleteAsync($"/api/courses/{theirs}")).StatusCode);
        Assert.Equal(["provider"], await (await provider.PostAsJsonAsync("/api/courses", TestData.Course().With("provider", "Anderer Träger"))).ProblemFieldsAsync());
        Assert.Equal(before, await factory.StateAsync());

        var own = await provider.PostAsJsonAsync("/api/courses", TestData.Course().With("provider", "Eigener Träger"));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
    }

    [Fact]
    public async Task Outcomes_from_every_role_but_caseworker_are_refused_and_change_nothing()
    {
        var employer = await _caseworker.CreateEmployerAsync();
        var need = await _caseworker.CreateNeedAsync(employer);
        var client = (await _caseworker.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        var body = new { needId = need, clientId = client, stage = "Hired", date = "2027-01-04" };
        var before = await factory.StateAsync();
        foreach (var http in new[]
        {
            factory.CreateAnonymousClient(),
            factory.CreateClientAs(Roles.Employer, employerId: employer),
            factory.CreateClientAs(Roles.TrainingProvider, provider: "Träger"),
            factory.CreateClientAs(Roles.Planner),
            factory.CreateClientAs(Roles.Admin),
        })
        {
            var response = await http.PostAsJsonAsync("/api/outcomes", body);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{response.StatusCode}");
        }

        Assert.Equal(before, await factory.StateAsync());
        Assert.Equal(HttpStatusCode.Created, (await _caseworker.PostAsJsonAsync("/api/outcomes", body)).StatusCode);
    }

    [Fact]
    public async Task Employer_sees_consenting_clients_only_under_a_per_need_pseudonym_and_caseworkers_see_everyone_marked()
    {
        var employer = await _caseworker.CreateEmployerAsync();
        static Dictionary<string, object?> Near(Dictionary<string, object?> b) => b.With("certificates", Array.Empty<string>()).With("municipalityAgs", TestData.Ingelheim);
        var need = await _caseworker.CreateNeedAsync(employer, Near);
        var secondNeed = await _caseworker.CreateNeedAsync(employer, Near);
        var consenting = (await _caseworker.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        var refusing = (await _caseworker.CreateAsync("/api/clients", TestData.Client().With("consentToShare", false))).GetProperty("reference").GetString()!;
        var employerHttp = factory.CreateClientAs(Roles.Employer, employerId: employer);

        // The employer role gets no named list and no profile.
        Assert.Equal(HttpStatusCode.Forbidden, (await employerHttp.GetAsync($"/api/needs/{need}/candidates")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employerHttp.GetAsync($"/api/clients/{consenting}")).StatusCode);

        var response = await employerHttp.GetAsync($"/api/needs/{need}/pseudonymous-candidates");
        var text = await response.Content.ReadAsStringAsync();
        var rows = (await response.JsonAsync()).GetProperty("candidates").EnumerateArray().ToList();
        var row = Assert.Single(rows);
        Assert.Matches("^K-[A-Z2-9]{8}$", row.GetProperty("pseudonym").GetString());
        Assert.DoesNotContain(refusing, text, StringComparison.Ordinal);
        foreach (var field in new[] { "clientId", "reference", "caseworker", "gender", "birthYear", "nationality", "severeDisability", "homeMunicipalityAgs", "barriers" })
        {
            Assert.False(row.TryGetProperty(field, out _), field);
        }

        // Stable for the need, different for another need: lists cannot be joined across needs.
        var again = (await (await employerHttp.GetAsync($"/api/needs/{need}/pseudonymous-candidates")).JsonAsync()).GetProperty("candidates")[0].GetProperty("pseudonym").GetString();
        var other = (await (await employerHttp.GetAsync($"/api/needs/{secondNeed}/pseudonymous-candidates")).JsonAsync()).GetProperty("candidates")[0].GetProperty("pseudonym").GetString();
        Assert.Equal(row.GetProperty("pseudonym").GetString(), again);
        Assert.NotEqual(again, other);

        // The caseworker's list has both, the one without consent marked.
        var named = (await (await _caseworker.GetAsync($"/api/needs/{need}/candidates")).JsonAsync()).GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(2, named.Count);
        Assert.Contains(named, r => r.GetProperty("reference").GetString() == refusing && !r.GetProperty("consentToShare").GetBoolean());

        // Feedback by pseudonym reaches the caseworker with the client; the employer never sees the id.
        var feedback = await employerHttp.PostAsJsonAsync($"/api/needs/{need}/feedback", new { pseudonym = again, verdict = "Interested", comment = "Gern zum Probearbeiten." });
        Assert.Equal(HttpStatusCode.Created, feedback.StatusCode);
        Assert.Equal(["pseudonym"], await (await employerHttp.PostAsJsonAsync($"/api/needs/{need}/feedback", new { pseudonym = other, verdict = "Interested" })).ProblemFieldsAsync());
        var seen = (await (await _caseworker.GetAsync($"/api/needs/{need}/feedback")).JsonAsync())[0];
        Assert.Equal(consenting, seen.GetProperty("clientId").GetInt32());
        var own = (await (await employerHttp.GetAsync($"/api/needs/{need}/feedback")).JsonAsync())[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, own.GetProperty("clientId").ValueKind);

        // The employer's look at the list is audited with the clients behind the pseudonyms.
        var audited = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AuditLog.Where(e => e.Endpoint == "GET /api/needs/{id}/pseudonymous-candidates" && e.NeedId == need)));
        Assert.Contains(audited, e => e.Role == Roles.Employer && e.ClientIds == $",{consenting},");

        // Withdrawn consent counts at once.
        var current = await (await _caseworker.GetAsync($"/api/clients/{consenting}")).JsonAsync();
        var body = TestData.Client().With("consentToShare", false).With("reference", current.GetProperty("reference").GetString()).With("version", current.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await _caseworker.PutAsJsonAsync($"/api/clients/{consenting}", body)).StatusCode);
        Assert.Empty((await (await employerHttp.GetAsync($"/api/needs/{need}/pseudonymous-candidates")).JsonAsync()).GetProperty("candidates").EnumerateArray());
    }
}

public sealed class TeamAccessTests(TeamCaseloadFactory factory) : IClassFixture<TeamCaseloadFactory>
{
    [Fact]
    public async Task Team_scope_reaches_the_team_s_caseloads_and_no_other()
    {
        var teammate = factory.CreateClientAs(Roles.Caseworker, caseworker: "NORD-2");
        var outsider = factory.CreateClientAs(Roles.Caseworker, caseworker: "SUED-9");
        var ofTeammate = (await teammate.CreateAsync("/api/clients", TestData.Client().With("caseworker", "NORD-2"))).GetProperty("id").GetInt32();
        var ofOutsider = (await outsider.CreateAsync("/api/clients", TestData.Client().With("caseworker", "SUED-9"))).GetProperty("id").GetInt32();
        var me = factory.CreateClientAs(Roles.Caseworker, caseworker: "NORD-1");

        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/api/clients/{ofTeammate}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync($"/api/clients/{ofOutsider}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/clients/{ofTeammate}")).StatusCode);
    }
}
