using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Jobs;
using SkillsMatch.Server.Features.Matching;

namespace SkillsMatch.Server.Tests;

/// <summary>Hand-picked sample needs and clients: the candidates must make sense to a caseworker.</summary>
[Collection(SeededCollection.Name)]
public sealed class SampleMatchingTests(SeededSkillsMatchFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Forklift_driver_need_gets_candidates_who_hold_the_licence_and_the_skill()
    {
        var (title, candidates) = await CandidatesAsync(9);
        Assert.Equal("Gabelstaplerfahrer", title);
        Assert.NotEmpty(candidates);
        var ids = candidates.Select(c => c.GetProperty("clientId").GetInt32()).ToList();
        var clients = await factory.WithDbAsync(db => db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync());
        Assert.All(clients, c => Assert.Contains("FORKLIFT", c.Certificates));
        Assert.All(clients, c => Assert.Contains(c.Languages, l => l.Code == "de" && l.Level >= CefrLevel.A2));
        Assert.True(Feature(candidates[0], "mustHaveCoverage") >= 0.5);
    }

    [Fact]
    public async Task Painter_need_ranks_painters_first()
    {
        var (title, candidates) = await CandidatesAsync(2);
        Assert.Equal("Maler", title);
        Assert.All(candidates.Take(3), c => Assert.True(
            Feature(c, "mustHaveCoverage") >= 2 / 3f || Feature(c, "occupationExperienceYears") > 0,
            string.Join(" ", c.GetProperty("explanation").EnumerateArray())));
        Assert.True(Feature(candidates[0], "occupationExperienceYears") > 0);
    }

    [Fact]
    public async Task Care_assistant_need_respects_certificate_and_German_level()
    {
        var (title, candidates) = await CandidatesAsync(17);
        Assert.Equal("Pflegehelfer", title);
        var ids = candidates.Select(c => c.GetProperty("clientId").GetInt32()).ToList();
        var clients = await factory.WithDbAsync(db => db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync());
        Assert.All(clients, c => Assert.Contains("PFLEGEBASIS", c.Certificates));
        Assert.All(clients, c => Assert.Contains(c.Languages, l => l.Code == "de" && l.Level >= CefrLevel.B1));
        Assert.All(candidates, c => Assert.True(Feature(c, "commuteMinutes") <= clients.Single(k => k.Id == c.GetProperty("clientId").GetInt32()).MaxCommuteMinutes));
    }

    [Fact]
    public async Task Former_warehouse_worker_is_offered_warehouse_needs_first()
    {
        var client = await factory.WithDbAsync(db => db.Clients.AsNoTracking().SingleAsync(c => c.Id == 1));
        Assert.Contains(client.PastOccupations, o => o.OccupationId == TestData.WarehouseWorker);

        var response = await (await _http.GetAsync("/api/clients/1/matches?top=5")).JsonAsync();
        var needs = response.GetProperty("needs").EnumerateArray().ToList();

        Assert.NotEmpty(needs);
        var topNeed = needs[0].GetProperty("needId").GetInt32();
        var occupation = await factory.WithDbAsync(db => db.Needs.AsNoTracking().Where(n => n.Id == topNeed).Select(n => n.OccupationId).SingleAsync());
        Assert.Equal(TestData.WarehouseWorker, occupation);
        Assert.All(needs, n => Assert.NotEmpty(n.GetProperty("explanation").EnumerateArray()));
    }

    private async Task<(string Title, List<JsonElement> Candidates)> CandidatesAsync(int needId)
    {
        var need = await (await _http.GetAsync($"/api/needs/{needId}")).JsonAsync();
        var response = await _http.GetAsync($"/api/needs/{needId}/candidates?top=20");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("heuristic", body.GetProperty("ranker").GetString());
        return (need.GetProperty("title").GetString()!, body.GetProperty("candidates").EnumerateArray().ToList());
    }

    [Fact]
    public async Task No_client_without_must_haves_is_listed_above_one_who_has_half_of_them()
    {
        var needs = await (await _http.GetAsync("/api/needs?status=Open&pageSize=40")).JsonAsync();
        var inverted = new List<string>();
        foreach (var need in needs.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetInt32()))
        {
            var (_, candidates) = await CandidatesAsync(need);
            var top = candidates.Take(10).ToList();

            // "Has" a must-have: held, implied by experience, or taught by the plan before the start.
            static float Has(JsonElement c) => Math.Min(1, Feature(c, "mustHaveCoverageWithTraining") + Feature(c, "mustHaveImplied"));
            for (var i = 0; i < top.Count; i++)
            {
                if (Has(top[i]) == 0 && top.Skip(i + 1).Any(below => Feature(below, "mustHaveCoverage") >= 0.5f))
                {
                    inverted.Add($"need {need} rank {i + 1}");
                }
            }
        }

        Assert.Equal(40, needs.GetProperty("items").GetArrayLength());
        Assert.Empty(inverted);
    }

    private static float Feature(JsonElement candidate, string name) => candidate.GetProperty("features").GetProperty(name).GetSingle();
}

public sealed class MatchingApiTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Profile_change_through_the_API_shows_up_in_the_next_match()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("certificates", Array.Empty<string>()).With("municipalityAgs", TestData.Ingelheim));
        var client = await _http.CreateAsync("/api/clients", TestData.Client().With("skills", Array.Empty<object>()).With("pastOccupations", Array.Empty<object>()));
        var id = client.GetProperty("id").GetInt32();
        Assert.DoesNotContain(id, await CandidateIdsAsync(need));

        var update = TestData.Client().With("reference", client.GetProperty("reference").GetString()).With("version", 1);
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/api/clients/{id}", update)).StatusCode);

        Assert.Contains(id, await CandidateIdsAsync(need));

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/clients/{id}")).StatusCode);
        Assert.DoesNotContain(id, await CandidateIdsAsync(need));
    }

    [Fact]
    public async Task Change_written_by_another_instance_shows_up_in_the_next_match()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("certificates", Array.Empty<string>()).With("municipalityAgs", TestData.Ingelheim));
        var id = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        Assert.Contains(id, await CandidateIdsAsync(need));

        // Straight into the database, as a second server instance would.
        await factory.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == id);
            client.Skills = [];
            client.PastOccupations = [];
            return await db.SaveChangesAsync();
        });

        Assert.DoesNotContain(id, await CandidateIdsAsync(need));
    }

    [Fact]
    public async Task Deletion_written_by_another_instance_disappears_from_the_next_match()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("certificates", Array.Empty<string>()).With("municipalityAgs", TestData.Ingelheim));
        var id = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        Assert.Contains(id, await CandidateIdsAsync(need));

        await factory.WithDbAsync(async db =>
        {
            db.Clients.Remove(await db.Clients.SingleAsync(c => c.Id == id));
            return await db.SaveChangesAsync();
        });

        Assert.DoesNotContain(id, await CandidateIdsAsync(need));
    }

    [Fact]
    public async Task Instance_behind_a_purged_change_log_rebuilds_its_snapshot()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("certificates", Array.Empty<string>()).With("municipalityAgs", TestData.Ingelheim));
        var deleted = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        var changed = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        Assert.Contains(deleted, await CandidateIdsAsync(need));

        // Another instance deletes one client and changes another; the purge then keeps only the last entry.
        await factory.WithDbAsync(async db =>
        {
            db.Clients.Remove(await db.Clients.SingleAsync(c => c.Id == deleted));
            await db.SaveChangesAsync();
            var client = await db.Clients.SingleAsync(c => c.Id == changed);
            client.Skills = [];
            client.PastOccupations = [];
            return await db.SaveChangesAsync();
        });
        await factory.WithDbAsync(async db =>
        {
            await new ChangeLogRetention(db, Options.Create(new JobsOptions { ChangeLogKeep = 1 }), NullLogger<ChangeLogRetention>.Instance).PurgeAsync(CancellationToken.None);
            return await db.ChangeLog.CountAsync();
        });

        var ids = await CandidateIdsAsync(need);
        Assert.DoesNotContain(deleted, ids);
        Assert.DoesNotContain(changed, ids);

        // The served list leaves out deleted clients anyway; the snapshot itself must have dropped it.
        var host = factory.Services.GetRequiredService<CandidateIndexHost>();
        var (inSnapshot, inDatabase) = await factory.WithDbAsync(async db => ((await host.SnapshotAsync(db, CancellationToken.None)).Clients.Count, await db.Clients.CountAsync()));
        Assert.Equal(inDatabase, inSnapshot);
    }

    [Fact]
    public async Task Protected_attributes_do_not_change_score_or_features()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("certificates", Array.Empty<string>()).With("municipalityAgs", TestData.Ingelheim));
        var first = (await _http.CreateAsync("/api/clients", TestData.Client()
            .With("protected", new { gender = "female", birthYear = 1962, nationality = "SY", severeDisability = true }))).GetProperty("id").GetInt32();
        var second = (await _http.CreateAsync("/api/clients", TestData.Client()
            .With("protected", new { gender = "male", birthYear = 1999, nationality = "DE", severeDisability = false }))).GetProperty("id").GetInt32();

        var candidates = (await (await _http.GetAsync($"/api/needs/{need}/candidates?top=100")).JsonAsync()).GetProperty("candidates").EnumerateArray().ToList();
        var a = candidates.Single(c => c.GetProperty("clientId").GetInt32() == first);
        var b = candidates.Single(c => c.GetProperty("clientId").GetInt32() == second);

        Assert.Equal(a.GetProperty("score").GetDouble(), b.GetProperty("score").GetDouble());
        Assert.Equal(a.GetProperty("features").ToString(), b.GetProperty("features").ToString());
    }

    [Theory]
    [InlineData("/api/needs/{need}/candidates?top=0")]
    [InlineData("/api/needs/{need}/candidates?top=501")]
    [InlineData("/api/clients/{client}/matches?top=-3")]
    public async Task Bad_top_gets_problem_details(string template)
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer);
        var client = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        var response = await _http.GetAsync(template.Replace("{need}", need.ToString(), StringComparison.Ordinal).Replace("{client}", client.ToString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["top"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Unknown_need_or_client_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/needs/999999/candidates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/clients/999999/matches")).StatusCode);
    }

    [Fact]
    public async Task Candidate_rows_carry_score_features_and_a_German_explanation()
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("municipalityAgs", TestData.Ingelheim));
        await _http.CreateAsync("/api/clients", TestData.Client());

        var body = await (await _http.GetAsync($"/api/needs/{need}/candidates?top=5")).JsonAsync();
        var row = body.GetProperty("candidates")[0];

        Assert.Equal(3, body.GetProperty("featureSchema").GetInt32());
        Assert.Equal(1, row.GetProperty("rank").GetInt32());
        Assert.True(row.GetProperty("score").GetDouble() > 0);
        Assert.Equal((int)Math.Round(100 * row.GetProperty("score").GetDouble()), row.GetProperty("fit").GetInt32());
        Assert.Equal(14, row.GetProperty("features").EnumerateObject().Count());
        Assert.Equal($"Passung {row.GetProperty("fit").GetInt32()} von 100.", row.GetProperty("explanation")[0].GetString());
        Assert.Contains(row.GetProperty("explanation").EnumerateArray(), s => s.GetString()!.StartsWith("Bringt 1 von 1 Muss-Kompetenzen mit", StringComparison.Ordinal));
    }

    private async Task<List<int>> CandidateIdsAsync(int need)
    {
        var body = await (await _http.GetAsync($"/api/needs/{need}/candidates?top=500")).JsonAsync();
        return [.. body.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("clientId").GetInt32())];
    }
}
