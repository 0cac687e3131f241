using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Server.Features.Jobs;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Tests;

public sealed class ImpressionTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Each_served_list_records_one_impression_per_row_with_ranks_list_id_and_features()
    {
        var (need, clients) = await NeedWithCandidatesAsync(3);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MatchingJobs>().RematchAsync(CancellationToken.None);
        }

        var candidates = await (await _http.GetAsync($"/api/needs/{need}/candidates?top=10")).JsonAsync();
        var matches = await (await _http.GetAsync($"/api/clients/{clients[0]}/matches")).JsonAsync();
        var shortlist = await (await _http.GetAsync($"/api/needs/{need}/shortlist")).JsonAsync();

        foreach (var (body, rowsName, kind) in new[] { (candidates, "candidates", ListKind.Candidates), (matches, "needs", ListKind.Matches), (shortlist, "candidates", ListKind.Shortlist) })
        {
            var listId = body.GetProperty("listId").GetGuid();
            var rows = body.GetProperty(rowsName).EnumerateArray().ToList();
            Assert.NotEmpty(rows);
            var stored = await factory.WithDbAsync(db => db.Impressions.AsNoTracking().Where(i => i.ListId == listId).OrderBy(i => i.Rank).ToListAsync());
            Assert.Equal(rows.Count, stored.Count);
            Assert.Equal(Enumerable.Range(1, rows.Count), stored.Select(i => i.Rank));
            Assert.Equal(rows.Select(r => r.GetProperty("rank").GetInt32()), stored.Select(i => i.Rank));
            Assert.Equal(rows.Select(r => r.GetProperty("impressionId").GetInt64()), stored.Select(i => i.Id));
            Assert.All(stored, i =>
            {
                Assert.Equal(kind, i.Kind);
                Assert.Equal(CandidateFeatures.SchemaVersion, i.FeatureSchema);
                Assert.Equal(CandidateFeatures.Names.Length, Impression.Unpack(i.Features).Length);
                Assert.Equal(factory.Clock.Now, i.ShownAt);
                Assert.Equal("heuristic", i.Ranker);
            });
        }

        // The candidates' stored features are the ones the response showed.
        var first = candidates.GetProperty("candidates")[0];
        var firstStored = await factory.WithDbAsync(db => db.Impressions.SingleAsync(i => i.Id == first.GetProperty("impressionId").GetInt64()));
        Assert.Equal(first.GetProperty("features").GetProperty("mustHaveCoverage").GetSingle(), Impression.Unpack(firstStored.Features)[0]);
        Assert.Equal(need, firstStored.NeedId);
    }

    [Fact]
    public async Task Outcome_with_an_impression_links_to_it_and_takes_its_rank()
    {
        var (need, _) = await NeedWithCandidatesAsync(3);
        var candidates = await (await _http.GetAsync($"/api/needs/{need}/candidates")).JsonAsync();
        var row = candidates.GetProperty("candidates")[2];
        var impression = row.GetProperty("impressionId").GetInt64();

        var outcome = await _http.CreateAsync("/api/outcomes", new { needId = need, clientId = row.GetProperty("clientId").GetInt32(), stage = "Proposed", date = "2027-01-04", impressionId = impression });

        Assert.Equal(impression, outcome.GetProperty("impressionId").GetInt64());
        Assert.Equal(3, outcome.GetProperty("rankAtProposal").GetInt32());
        var stored = await factory.WithDbAsync(db => db.Outcomes.SingleAsync(o => o.Id == outcome.GetProperty("id").GetInt32()));
        Assert.Equal((long?)impression, stored.ImpressionId);
        Assert.Equal(3, stored.RankAtProposal);
    }

    [Fact]
    public async Task Impression_of_another_need_or_client_is_refused_naming_impressionId_and_nothing_is_stored()
    {
        var (need, clients) = await NeedWithCandidatesAsync(2);
        var (otherNeed, _) = await NeedWithCandidatesAsync(1);
        var candidates = await (await _http.GetAsync($"/api/needs/{need}/candidates")).JsonAsync();
        var rows = candidates.GetProperty("candidates").EnumerateArray().ToList();
        var state = await factory.StateAsync();

        var otherClient = rows.First(r => r.GetProperty("clientId").GetInt32() != clients[0]).GetProperty("impressionId").GetInt64();
        var ofClient = rows.Single(r => r.GetProperty("clientId").GetInt32() == clients[0]).GetProperty("impressionId").GetInt64();
        var wrongClient = await _http.PostAsJsonAsync("/api/outcomes", new { needId = need, clientId = clients[0], stage = "Proposed", date = "2027-01-04", impressionId = otherClient });
        var wrongNeed = await _http.PostAsJsonAsync("/api/outcomes", new { needId = otherNeed, clientId = clients[0], stage = "Proposed", date = "2027-01-04", impressionId = ofClient });
        var unknown = await _http.PostAsJsonAsync("/api/outcomes", new { needId = need, clientId = clients[0], stage = "Proposed", date = "2027-01-04", impressionId = 987654321L });

        foreach (var response in new[] { wrongClient, wrongNeed, unknown })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(["impressionId"], await response.ProblemFieldsAsync());
        }

        Assert.Equal(state, await factory.StateAsync());
    }

    [Fact]
    public async Task Retention_job_deletes_only_impressions_older_than_the_retention_and_is_idempotent()
    {
        var (need, _) = await NeedWithCandidatesAsync(1);
        var start = factory.Clock.Now;
        var old = (await (await _http.GetAsync($"/api/needs/{need}/candidates")).JsonAsync()).GetProperty("listId").GetGuid();
        factory.Clock.Now = start.AddDays(700);
        var recent = (await (await _http.GetAsync($"/api/needs/{need}/candidates")).JsonAsync()).GetProperty("listId").GetGuid();
        try
        {
            // The default retention is 730 days: at day 731 the first list is older, the second is not.
            factory.Clock.Now = start.AddDays(731);
            await PurgeAsync();
            var remaining = await factory.WithDbAsync(db => db.Impressions.Where(i => i.ListId == old || i.ListId == recent).Select(i => i.ListId).Distinct().ToListAsync());
            Assert.Equal([recent], remaining);

            var count = await factory.WithDbAsync(db => db.Impressions.CountAsync());
            await PurgeAsync();
            Assert.Equal(count, await factory.WithDbAsync(db => db.Impressions.CountAsync()));
        }
        finally
        {
            factory.Clock.Now = start;
        }
    }

    [Fact]
    public async Task Training_examples_are_grouped_by_shown_list_with_graded_labels_and_weights_only_on_positive_rows()
    {
        var (need, _) = await NeedWithCandidatesAsync(4);
        var list = await (await _http.GetAsync($"/api/needs/{need}/candidates")).JsonAsync();
        var rows = list.GetProperty("candidates").EnumerateArray().Take(4).ToList();
        foreach (var (row, stage) in rows.Zip(new[] { "Hired", "Invited", "Rejected" }))
        {
            await _http.CreateAsync("/api/outcomes", new { needId = need, clientId = row.GetProperty("clientId").GetInt32(), stage, date = "2027-01-05", impressionId = row.GetProperty("impressionId").GetInt64() });
        }

        var examples = await factory.WithDbAsync(db => factory.Services.GetRequiredService<RankerHost>().ExamplesAsync(db, CancellationToken.None));

        var group = examples.Where(e => e.NeedId == need && rows.Any(r => r.GetProperty("clientId").GetInt32() == e.ClientId)).ToList();
        Assert.Single(group.Select(e => e.Group).Distinct());
        Assert.Equal([3f, 2f, 1f, 0f], rows.Select(r => group.Single(e => e.ClientId == r.GetProperty("clientId").GetInt32()).Label));
        Assert.All(examples.Where(e => e.Label == 0), e => Assert.Equal(1, e.Weight));
        Assert.All(examples.Where(e => e.Label > 0), e => Assert.InRange(e.Weight, 1, PositionBias.MaxWeight));
    }

    [Fact]
    public void Propensity_falls_with_rank_and_weights_only_positive_rows_at_lower_ranks_above_one()
    {
        // 200 lists of five rows: rank r proposed in 60 / r percent of them.
        var rows = Enumerable.Range(0, 200).SelectMany(list => Enumerable.Range(1, 5).Select(rank => (rank, list % 100 < 60 / rank))).ToList();
        var bias = PositionBias.Estimate(rows);

        Assert.Equal(1, bias.Propensity(1));
        Assert.True(bias.Propensity(2) < 1 && bias.Propensity(5) < bias.Propensity(2));
        Assert.Equal(1, bias.Weight(1, 3));
        Assert.True(bias.Weight(4, 1) > 1);
        Assert.Equal(1, bias.Weight(4, 0));
        Assert.True(bias.Weight(5, 2) <= PositionBias.MaxWeight);
    }

    private async Task PurgeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ImpressionRetention>().PurgeAsync(CancellationToken.None);
    }

    private async Task<(int Need, List<int> Clients)> NeedWithCandidatesAsync(int clients)
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));
        var ids = new List<int>();
        for (var i = 0; i < clients; i++)
        {
            ids.Add((await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32());
        }

        return (need, ids);
    }

    /// <summary>
    /// Issue 10, item 7: decision history survives a client's deletion without the person — outcomes
    /// and impressions keep their need, stage, rank and features with the client link removed — while
    /// derived rows (the stored shortlist) go with the client; deleting the need removes its own history.
    /// </summary>
    [Fact]
    public async Task Deleting_a_client_keeps_outcomes_and_impressions_without_the_link_and_drops_its_shortlist_rows()
    {
        var (need, clients) = await NeedWithCandidatesAsync(3);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MatchingJobs>().RematchAsync(CancellationToken.None);
        }

        var candidates = await (await _http.GetAsync($"/api/needs/{need}/candidates?top=10")).JsonAsync();
        var row = candidates.GetProperty("candidates").EnumerateArray().First(r => r.GetProperty("clientId").GetInt32() == clients[0]);
        var impression = row.GetProperty("impressionId").GetInt64();
        var outcome = (await _http.CreateAsync("/api/outcomes", new { needId = need, clientId = clients[0], stage = "Invited", date = factory.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), decidedBy = "IFK-01", impressionId = impression }))
            .GetProperty("id").GetInt32();
        Assert.True(await factory.WithDbAsync(db => db.Shortlists.AnyAsync(s => s.ClientId == clients[0])));

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/clients/{clients[0]}")).StatusCode);

        var kept = await (await _http.GetAsync($"/api/outcomes/{outcome}")).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, kept.GetProperty("clientId").ValueKind);
        Assert.Equal(need, kept.GetProperty("needId").GetInt32());
        Assert.Equal("Invited", kept.GetProperty("stage").GetString());
        Assert.Equal(row.GetProperty("rank").GetInt32(), kept.GetProperty("rankAtProposal").GetInt32());
        var stored = await factory.WithDbAsync(db => db.Impressions.AsNoTracking().SingleAsync(i => i.Id == impression));
        Assert.Null(stored.ClientId);
        Assert.NotEmpty(stored.Features);
        Assert.False(await factory.WithDbAsync(db => db.Shortlists.AnyAsync(s => s.ClientId == clients[0])));
        var shortlist = await (await _http.GetAsync($"/api/needs/{need}/shortlist")).JsonAsync();
        Assert.DoesNotContain(shortlist.GetProperty("candidates").EnumerateArray(), r => r.GetProperty("clientId").GetInt32() == clients[0]);

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/needs/{need}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/outcomes/{outcome}")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Shortlists.AnyAsync(s => s.NeedId == need)));
    }
}
