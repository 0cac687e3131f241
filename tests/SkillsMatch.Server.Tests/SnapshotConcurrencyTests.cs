using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Tests;

/// <summary>Readers match while profiles change: every answer must be the answer of one consistent database state.</summary>
public sealed class SnapshotConcurrencyTests
{
    private const int Readers = 8;
    private const int Writes = 60;
    private const int Top = 15;

    [Fact]
    public async Task Every_answer_while_profiles_change_equals_a_match_on_the_database_as_of_its_snapshot()
    {
        using var factory = new SkillsMatchFactory();
        var http = factory.CreateClient();
        var employer = await http.CreateEmployerAsync();
        var need = await http.CreateNeedAsync(employer, b => b.With("certificates", Array.Empty<string>()).With("municipalityAgs", TestData.Ingelheim));
        var random = new Random(17);
        var clients = new Dictionary<int, (Dictionary<string, object?> Body, long Version)>();
        for (var i = 0; i < 40; i++)
        {
            var body = VariedClient(random);
            var created = await http.CreateAsync("/api/clients", body);
            clients[created.GetProperty("id").GetInt32()] = (body, created.GetProperty("version").GetInt64());
        }

        // The database as of each sequence the writer leaves behind; nothing else writes clients, needs or courses.
        var states = new Dictionary<long, List<ClientProfile>> { [await LatestAsync(factory)] = await ProfilesAsync(factory) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/needs/{need}/candidates?top={Top}")).StatusCode);

        var answers = new System.Collections.Concurrent.ConcurrentBag<(long Sequence, string Ranking)>();
        using var done = new CancellationTokenSource();
        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
        {
            using var reader = factory.CreateClient();
            while (!done.IsCancellationRequested)
            {
                var response = await reader.GetAsync($"/api/needs/{need}/candidates?top={Top}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var sequence = long.Parse(response.Headers.GetValues(MatchingEndpoints.SnapshotHeader).Single(), CultureInfo.InvariantCulture);
                var rows = (await response.JsonAsync()).GetProperty("candidates").EnumerateArray()
                    .Select(r => (r.GetProperty("clientId").GetInt32(), r.GetProperty("score").GetDouble()));
                answers.Add((sequence, Describe(rows)));
            }
        })).ToList();

        for (var write = 0; write < Writes; write++)
        {
            var id = clients.Keys.ElementAt(random.Next(clients.Count));
            if (write % 7 == 6)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/clients/{id}")).StatusCode);
                clients.Remove(id);
            }
            else
            {
                var body = VariedClient(random).With("reference", clients[id].Body["reference"]).With("version", clients[id].Version);
                var response = await http.PutAsJsonAsync($"/api/clients/{id}", body);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                clients[id] = (body, (await response.JsonAsync()).GetProperty("version").GetInt64());
            }

            states[await LatestAsync(factory)] = await ProfilesAsync(factory);
        }

        await done.CancelAsync();
        await Task.WhenAll(readers);

        var expected = await ExpectedAsync(factory, need, states);
        Assert.All(answers, a => Assert.Equal(expected[a.Sequence], a.Ranking));
        Assert.True(answers.Select(a => a.Sequence).Distinct().Count() > 1, "the readers never saw a change");
        Assert.True(expected.Values.Distinct().Count() > 1, "the writes never changed the ranking");
    }

    /// <summary>The ranking of the need on a matcher built from scratch for each recorded database state.</summary>
    private static async Task<Dictionary<long, string>> ExpectedAsync(SkillsMatchFactory factory, int needId, Dictionary<long, List<ClientProfile>> states)
    {
        var reference = factory.Services.GetRequiredService<ReferenceData>();
        var options = factory.Services.GetRequiredService<IOptions<MatchingOptions>>().Value;
        var ranker = factory.Services.GetRequiredService<RankerStore>().Active.Ranker;
        var need = await factory.WithDbAsync(db => db.Needs.AsNoTracking().SingleAsync(n => n.Id == needId));
        var today = factory.Today;
        return states.ToDictionary(s => s.Key, s =>
        {
            var index = CandidateIndex.Build(reference, s.Value);
            var matcher = new Matcher(index, options, new TrainingPlanner(reference, index.Travel, []), ranker);
            return Describe(matcher.CandidatesFor(need.ToProfile(), Top, today, Language.German).Select(r => (r.ClientId, r.Score)));
        });
    }

    private static string Describe(IEnumerable<(int ClientId, double Score)> rows) =>
        string.Join(' ', rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.ClientId}:{r.Score:F4}")));

    private static Task<long> LatestAsync(SkillsMatchFactory factory) =>
        factory.WithDbAsync(async db => await db.ChangeLog.MaxAsync(c => (long?)c.Sequence) ?? 0);

    private static Task<List<ClientProfile>> ProfilesAsync(SkillsMatchFactory factory) =>
        factory.WithDbAsync(async db => (await db.Clients.AsNoTracking().ToListAsync()).Select(c => c.ToProfile()).ToList());

    /// <summary>A client who fits the need more or less well: skill level, hours and languages vary.</summary>
    private static Dictionary<string, object?> VariedClient(Random random) => TestData.Client()
        .With("skills", new[] { new { skillId = TestData.OperateForklift, level = random.Next(1, 5), evidence = "WorkExperience" } })
        .With("hoursPerWeek", random.Next(28, 41))
        .With("pastOccupations", random.Next(2) == 0 ? [] : new[] { new { occupationId = TestData.WarehouseWorker, years = random.Next(0, 12) / 2.0 } })
        .With("availableFrom", random.Next(2) == 0 ? "2027-01-15" : "2027-02-20");
}
