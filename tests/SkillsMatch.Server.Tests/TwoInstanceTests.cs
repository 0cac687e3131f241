using SkillsMatch.Server.Features.Accounts;
using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Ranking;
using SkillsMatch.Server.Features.Jobs;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Tests;

/// <summary>Two instances of the app on one PostgreSQL database, each with its own caches and clock.</summary>
public sealed class TwoInstanceTests : IDisposable
{
    private readonly PostgresSkillsMatchFactory _a = new();
    private SecondInstanceFactory? _b;

    public void Dispose()
    {
        _b?.Dispose();
        _a.Dispose();
    }

    private (HttpClient A, HttpClient B) Start()
    {
        var a = _a.CreateClient();
        _b = new SecondInstanceFactory(_a);
        return (a, _b.CreateClient());
    }

    [PostgresFact]
    public async Task Client_changed_through_A_appears_in_the_next_match_on_B()
    {
        var (a, b) = Start();
        var employer = await a.CreateEmployerAsync();
        var need = await a.CreateNeedAsync(employer, n => n.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));
        var created = await a.CreateAsync("/api/clients", TestData.Client());
        var changing = created.GetProperty("id").GetInt32();
        Assert.Contains(changing, await CandidatesAsync(b, need));

        var update = TestData.Client().With("reference", created.GetProperty("reference").GetString())
            .With("skills", Array.Empty<object>()).With("pastOccupations", Array.Empty<object>()).With("version", 1);
        Assert.Equal(HttpStatusCode.OK, (await a.PutAsJsonAsync($"/api/clients/{changing}", update)).StatusCode);
        var newcomer = (await a.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();

        var after = await CandidatesAsync(b, need);
        Assert.DoesNotContain(changing, after);
        Assert.Contains(newcomer, after);
    }

    [PostgresFact]
    public async Task Need_deleted_on_A_disappears_on_B()
    {
        var (a, b) = Start();
        var employer = await a.CreateEmployerAsync();
        var need = await a.CreateNeedAsync(employer, n => n.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));
        var client = (await a.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();
        Assert.Contains(need, await MatchesAsync(b, client));

        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync($"/api/needs/{need}")).StatusCode);

        Assert.DoesNotContain(need, await MatchesAsync(b, client));
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/needs/{need}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/needs/{need}/candidates")).StatusCode);
    }

    [PostgresFact]
    public async Task Model_promoted_on_A_is_the_active_ranker_on_B_within_a_minute()
    {
        var (a, b) = Start();
        var employer = await a.CreateEmployerAsync();
        var need = await a.CreateNeedAsync(employer, n => n.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));
        await a.CreateAsync("/api/clients", TestData.Client());
        Assert.Equal("heuristic", await RankerAsync(_b!));

        // Trained on made-up examples and promoted by hand: this test is about where the model lives, not whether it is good.
        var (model, card) = RankerTraining.Train(Examples(new Random(7)), new ActiveRanker(Ranker.Heuristic, null, null), _a.Clock.Now, _ => 0.5);
        var storeA = _a.Services.GetRequiredService<RankerStore>();
        await storeA.SaveAsync(model, card with { Promoted = false }, CancellationToken.None);
        await storeA.PromoteAsync(card.Version, CancellationToken.None);
        var promoted = await RankerAsync(_a);
        Assert.EndsWith(card.Version, promoted, StringComparison.Ordinal);

        _b!.Clock.Now = _b.Clock.Now.AddMinutes(1);
        Assert.Equal(promoted, await RankerAsync(_b));
        var candidates = await (await b.GetAsync($"/api/needs/{need}/candidates?top=5")).JsonAsync();
        Assert.Equal(promoted, candidates.GetProperty("ranker").GetString());
        var models = await (await _b.CreateClientAs(Roles.Admin).GetAsync("/api/ranker/models")).JsonAsync();
        Assert.Equal([card.Version], models.EnumerateArray().Select(m => m.GetProperty("version").GetString()));
    }

    private static async Task<List<int>> CandidatesAsync(HttpClient http, int need)
    {
        var body = await (await http.GetAsync($"/api/needs/{need}/candidates?top=100")).JsonAsync();
        return [.. body.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("clientId").GetInt32())];
    }

    private static async Task<List<int>> MatchesAsync(HttpClient http, int client)
    {
        var body = await (await http.GetAsync($"/api/clients/{client}/matches?top=100")).JsonAsync();
        return [.. body.GetProperty("needs").EnumerateArray().Select(n => n.GetProperty("needId").GetInt32())];
    }

    /// <summary>The active ranker as an admin of that instance sees it.</summary>
    private static async Task<string> RankerAsync(SkillsMatchFactory instance) =>
        (await (await instance.CreateClientAs(Roles.Admin).GetAsync("/api/ranker")).JsonAsync()).GetProperty("ranker").GetString()!;

    private static List<LabeledExample> Examples(Random random)
    {
        var examples = new List<LabeledExample>();
        for (var need = 1; need <= 60; need++)
        {
            for (var i = 0; i < 6; i++)
            {
                var features = Enumerable.Range(0, CandidateFeatures.Count).Select(_ => (float)random.NextDouble()).ToArray();
                examples.Add(new LabeledExample(need, (need * 10) + i, features[0] > 0.5f ? 1 : 0, features, new DateOnly(2026, 12, 1)));
            }
        }

        return examples;
    }
}

/// <summary>Both instances run a Hangfire server on the shared storage; each occurrence of a recurring job is enqueued and run once.</summary>
public sealed class TwoInstanceJobsTests : IDisposable
{
    private readonly JobsFactory _a = new();
    private JobsSecondInstance? _b;

    public void Dispose()
    {
        _b?.Dispose();
        _a.Dispose();
    }

    [PostgresFact]
    public async Task Each_occurrence_of_a_recurring_job_runs_once_across_both_instances()
    {
        _ = _a.CreateClient();
        _b = new JobsSecondInstance(_a);
        _ = _b.CreateClient();
        var monitoring = _a.Services.GetRequiredService<JobStorage>().GetMonitoringApi();

        // Wait until both servers have registered in the shared storage and several occurrences of
        // the every-second job were scheduled while both were running: at most 180 polls, half a
        // second apart (Hangfire schedules on the real clock; the test reads no date).
        var servers = 0;
        List<(string Time, long Jobs)> occurrences = [];
        for (var poll = 0; poll < 180; poll++)
        {
            await Task.Delay(500);
            if (servers < 2)
            {
                servers = monitoring.Servers().Count;
                continue;
            }

            occurrences = await OccurrencesAsync(MatchingJobs.Expire);
            if (occurrences.Count >= 6)
            {
                break;
            }
        }

        Assert.Equal(2, servers);
        Assert.True(occurrences.Count >= 6, $"only {occurrences.Count} occurrences of {MatchingJobs.Expire} were scheduled");
        Assert.All(occurrences, o => Assert.Equal(1, o.Jobs));
    }

    [PostgresFact]
    public async Task Two_instances_starting_without_a_model_enqueue_the_first_training_once()
    {
        _ = _a.CreateClient();
        _b = new JobsSecondInstance(_a);
        _ = _b.CreateClient();

        await using var connection = new NpgsqlConnection(_a.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%RetrainAsync%'";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    /// <summary>Per scheduled time of the recurring job, how many background jobs were created for it.</summary>
    private async Task<List<(string Time, long Jobs)>> OccurrencesAsync(string recurringJob)
    {
        await using var connection = new NpgsqlConnection(_a.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.value, count(*)
            FROM hangfire.jobparameter r JOIN hangfire.jobparameter t ON t.jobid = r.jobid AND t.name = 'Time'
            WHERE r.name = 'RecurringJobId' AND r.value = @job
            GROUP BY t.value
            """;
        command.Parameters.AddWithValue("job", $"\"{recurringJob}\"");
        var result = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return result;
    }

    private static void RunJobsEverySecond(IWebHostBuilder builder)
    {
        builder.UseSetting("Jobs:Enabled", "true");
        builder.UseSetting("Jobs:SchedulePollingSeconds", "1");
        builder.UseSetting("Jobs:ExpireCron", "* * * * * *");
        foreach (var other in new[] { "Jobs:RetrainCron", "Jobs:RematchCron", "Jobs:PurgeImpressionsCron" })
        {
            builder.UseSetting(other, "0 0 1 1 *");
        }
    }

    private sealed class JobsFactory : PostgresSkillsMatchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            RunJobsEverySecond(builder);
        }
    }

    private sealed class JobsSecondInstance(SkillsMatchFactory first) : SkillsMatchFactory(first)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            RunJobsEverySecond(builder);
        }
    }
}
