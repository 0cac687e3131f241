using SkillsMatch.Server.Features.Accounts;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsMatch.Server.Features.Jobs;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Tests;

public sealed class JobsTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Rematch_job_updates_the_shortlist_after_a_profile_change_and_marks_what_is_new()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));
        var stays = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        var changes = await _http.CreateAsync("/api/clients", TestData.Client());
        var changing = changes.GetProperty("id").GetInt32();

        await RunAsync(j => j.RematchAsync(CancellationToken.None));
        var first = await ShortlistAsync(need);
        Assert.Contains(stays, first.Keys);
        Assert.Contains(changing, first.Keys);

        var update = TestData.Client().With("reference", changes.GetProperty("reference").GetString()).With("skills", Array.Empty<object>())
            .With("pastOccupations", Array.Empty<object>()).With("version", 1);
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/api/clients/{changing}", update)).StatusCode);
        var newcomer = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();

        // The next run is an hour later (the same day, so nothing else about the lists changes).
        factory.Clock.Now = factory.Clock.Now.AddHours(1);
        await RunAsync(j => j.RematchAsync(CancellationToken.None));
        var second = await ShortlistAsync(need);
        Assert.DoesNotContain(changing, second.Keys);
        Assert.False(second[stays], "a client listed before is not new");
        Assert.True(second[newcomer], "a client listed for the first time is new");

        // Idempotent: a second run at once changes the members and their first-listed dates not at all.
        var again = await factory.WithDbAsync(db => db.Shortlists.Where(s => s.NeedId == need).OrderBy(s => s.ClientId).Select(s => new { s.ClientId, s.FirstListedAt }).ToListAsync());
        await RunAsync(j => j.RematchAsync(CancellationToken.None));
        var after = await factory.WithDbAsync(db => db.Shortlists.Where(s => s.NeedId == need).OrderBy(s => s.ClientId).Select(s => new { s.ClientId, s.FirstListedAt }).ToListAsync());
        Assert.Equal(again, after);
    }

    [Fact]
    public async Task Expire_job_expires_open_needs_past_their_end_once()
    {
        var employer = await _http.CreateEmployerAsync();
        var past = await _http.CreateNeedAsync(employer, b => b.With("periodStart", "2025-01-01").With("periodEnd", "2025-03-31"));
        var current = await _http.CreateNeedAsync(employer);

        await RunAsync(j => j.ExpireAsync(CancellationToken.None));
        var state = await factory.StateAsync();
        await RunAsync(j => j.ExpireAsync(CancellationToken.None));

        Assert.Equal(state, await factory.StateAsync());
        var statuses = await factory.WithDbAsync(db => db.Needs.Where(n => n.Id == past || n.Id == current).OrderBy(n => n.Id).Select(n => n.Status.ToString()).ToListAsync());
        Assert.Equal(["Expired", "Open"], statuses);
    }

    [Fact]
    public async Task Retrain_job_with_too_few_outcomes_keeps_the_heuristic()
    {
        await RunAsync(j => j.RetrainAsync(CancellationToken.None));
        var ranker = await (await factory.CreateClientAs(Roles.Admin).GetAsync("/api/ranker")).JsonAsync();
        Assert.Equal("heuristic", ranker.GetProperty("ranker").GetString());
    }

    [Fact]
    public async Task Outcome_recorded_through_the_API_becomes_a_labelled_training_example()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer);
        var client = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        var ranker = factory.Services.GetRequiredService<RankerHost>();

        await _http.CreateAsync("/api/outcomes", new { needId = need, clientId = client, stage = "Hired", date = "2027-01-10", decidedBy = "IFK-01", rankAtProposal = 1 });

        var examples = await factory.WithDbAsync(db => ranker.ExamplesAsync(db, CancellationToken.None));
        var example = Assert.Single(examples, e => e.NeedId == need && e.ClientId == client);
        Assert.Equal(3, example.Label);
        Assert.Equal(1, example.Features[0]);
    }

    [Fact]
    public async Task Same_client_and_need_show_the_same_fit_score_and_features_in_every_list()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));
        var client = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        await _http.CreateAsync("/api/clients", TestData.Client());
        await RunAsync(j => j.RematchAsync(CancellationToken.None));

        var candidates = await (await _http.GetAsync($"/api/needs/{need}/candidates?top=500")).JsonAsync();
        var asCandidate = candidates.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("clientId").GetInt32() == client);
        var matches = await (await _http.GetAsync($"/api/clients/{client}/matches?top=500")).JsonAsync();
        var asMatch = matches.GetProperty("needs").EnumerateArray().Single(n => n.GetProperty("needId").GetInt32() == need);
        var shortlist = await (await _http.GetAsync($"/api/needs/{need}/shortlist")).JsonAsync();
        var listed = shortlist.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("clientId").GetInt32() == client);

        Assert.Equal(candidates.GetProperty("ranker").GetString(), matches.GetProperty("ranker").GetString());
        Assert.Equal(asCandidate.GetProperty("fit").GetInt32(), asMatch.GetProperty("fit").GetInt32());
        Assert.Equal(asCandidate.GetProperty("score").GetDouble(), asMatch.GetProperty("score").GetDouble());
        Assert.Equal(asCandidate.GetProperty("features").GetRawText(), asMatch.GetProperty("features").GetRawText());
        Assert.Equal(asCandidate.GetProperty("fit").GetInt32(), listed.GetProperty("fit").GetInt32());
        Assert.Equal(asCandidate.GetProperty("score").GetDouble(), listed.GetProperty("score").GetDouble());
        Assert.Equal(asCandidate.GetProperty("rank").GetInt32(), listed.GetProperty("rank").GetInt32());
    }

    private async Task RunAsync(Func<MatchingJobs, Task> job)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await job(scope.ServiceProvider.GetRequiredService<MatchingJobs>());
    }

    private async Task<Dictionary<int, bool>> ShortlistAsync(int need)
    {
        var body = await (await _http.GetAsync($"/api/needs/{need}/shortlist")).JsonAsync();
        return body.GetProperty("candidates").EnumerateArray().ToDictionary(c => c.GetProperty("clientId").GetInt32(), c => c.GetProperty("newSinceLastRun").GetBoolean());
    }
}

/// <summary>Training on the committed sample outcomes, in a database of its own: a promotion changes every match.</summary>
public sealed class RetrainOnSamplesTests : IDisposable
{
    private readonly SeededSkillsMatchFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Retrain_job_on_sample_outcomes_promotes_a_model_that_beats_the_heuristic_and_a_corrupt_file_falls_back()
    {
        var http = _factory.CreateClient();
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MatchingJobs>().RetrainAsync(CancellationToken.None);
        }

        var admin = _factory.CreateClientAs(Roles.Admin);
        var ranker = await (await admin.GetAsync("/api/ranker")).JsonAsync();
        Assert.StartsWith("lightgbm", ranker.GetProperty("ranker").GetString(), StringComparison.Ordinal);
        var card = ranker.GetProperty("card");
        Assert.True(card.GetProperty("promoted").GetBoolean());
        Assert.True(card.GetProperty("model").GetProperty("ndcg10").GetDouble() > card.GetProperty("heuristic").GetProperty("ndcg10").GetDouble());
        var candidates = await (await http.GetAsync("/api/needs/2/candidates?top=10")).JsonAsync();
        Assert.StartsWith("lightgbm", candidates.GetProperty("ranker").GetString(), StringComparison.Ordinal);

        var host = _factory.Services.GetRequiredService<RankerStore>();
        var version = card.GetProperty("version").GetString()!;
        await _factory.WithDbAsync(db => db.RankerModels.Where(m => m.Version == version)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Model, "corrupt"u8.ToArray())));
        host.Reload();

        var fallback = await (await admin.GetAsync("/api/ranker")).JsonAsync();
        Assert.Equal("heuristic", fallback.GetProperty("ranker").GetString());
        Assert.Contains(version, fallback.GetProperty("fallbackReason").GetString(), StringComparison.Ordinal);
        var response = await http.GetAsync("/api/needs/2/candidates?top=10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("heuristic", (await response.JsonAsync()).GetProperty("ranker").GetString());
    }
}
