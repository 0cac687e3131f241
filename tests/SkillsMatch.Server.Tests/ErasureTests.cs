using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Jobs;
using SkillsMatch.Server.Features.Outcomes;
using SkillsMatch.Server.Features.Privacy;

namespace SkillsMatch.Server.Tests;

/// <summary>Deleting a client erases it: no personal value is left in any table, nor in the SQLite files (docs/privacy.md).</summary>
public sealed class ErasureTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    /// <summary>
    /// The file test: the reference is in the files before the deletion (so the scan can see it) and
    /// in no byte of the database, its write-ahead log or any other file of the data directory after.
    /// Without <c>PRAGMA secure_delete</c> the deleted row stays readable in the file's free space.
    /// </summary>
    [SqliteFact]
    public async Task Deleting_a_client_leaves_no_personal_value_in_the_SQLite_files_and_keeps_the_anonymised_outcome()
    {
        const string reference = "ERASE-ME-93817";
        var (need, client) = await ClientWithHistoryAsync(reference);
        var outcome = await RecordOutcomeAsync(need, client, reference);
        Assert.NotEmpty(FilesContaining(reference));

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/clients/{client}")).StatusCode);

        Assert.Empty(FilesContaining(reference));
        var kept = await factory.WithDbAsync(db => db.Outcomes.AsNoTracking().SingleAsync(o => o.Id == outcome));
        Assert.Null(kept.ClientId);
        Assert.Equal(OutcomeStage.Invited, kept.Stage);
        Assert.Equal(need, kept.NeedId);
        Assert.Equal(new DateOnly(2027, 1, 4), kept.Date);
        Assert.NotNull(kept.RankAtProposal);
        Assert.Equal(ClientErasure.Redacted, kept.Reason);
        Assert.Equal(ClientErasure.Redacted, kept.PassOverReason);
        Assert.Null(kept.DecidedBy);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/clients/{client}")).StatusCode);
    }

    [SqliteFact]
    public async Task Every_SQLite_connection_runs_with_secure_delete()
    {
        var mode = await factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA secure_delete;";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        });
        Assert.Equal(1, mode);
    }

    /// <summary>On either provider: no row of any table names the erased client's id or reference; only the change log's deletion marker carries the bare id.</summary>
    [Fact]
    public async Task After_erasure_no_row_in_any_table_references_the_client_id_or_reference()
    {
        const string reference = "ERASE-ALSO-55120";
        var (need, client) = await ClientWithHistoryAsync(reference);
        var outcome = await RecordOutcomeAsync(need, client, reference);
        Assert.NotEmpty(await RowsNamingAsync(reference, client));

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/clients/{client}")).StatusCode);

        Assert.Empty(await RowsNamingAsync(reference, client));
        var log = await factory.WithDbAsync(db => db.ChangeLog.AsNoTracking().Where(c => c.Entity == ChangeLogEntry.Client && c.EntityId == client).ToListAsync());
        Assert.True(Assert.Single(log).Deleted);
        Assert.Null((await factory.WithDbAsync(db => db.Outcomes.AsNoTracking().SingleAsync(o => o.Id == outcome))).ClientId);
        Assert.True(await factory.WithDbAsync(db => db.Impressions.AnyAsync(i => i.NeedId == need && i.ClientId == null)), "the impressions stay without the client");

        // The client is gone from this instance's matching, too.
        var candidates = await (await _http.GetAsync($"/api/needs/{need}/candidates?top=500")).JsonAsync();
        Assert.DoesNotContain(candidates.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("clientId").GetInt32() == client);
    }

    /// <summary>
    /// The retention job with the fake clock: a client untouched for longer than the retention (with
    /// or without an old outcome) is erased; a recently changed one and one with a recent outcome stay.
    /// On an app of its own, so no other test's clients are due.
    /// </summary>
    [Fact]
    public async Task Retention_job_erases_clients_inactive_for_longer_than_the_retention_and_keeps_recent_ones()
    {
        using var own = new SkillsMatchFactory();
        var http = own.CreateClient();
        var months = own.Services.GetRequiredService<IOptions<PrivacyOptions>>().Value.RetentionMonths;
        Assert.Equal(24, months);

        var start = own.Clock.Now;
        var employer = await http.CreateEmployerAsync();
        var need = await http.CreateNeedAsync(employer);
        var stale = await CreateClientAsync(http);
        var staleWithOldOutcome = await CreateClientAsync(http);
        var withRecentOutcome = await CreateClientAsync(http);
        var oldOutcome = await http.CreateAsync("/api/outcomes", new { needId = need, clientId = staleWithOldOutcome, stage = "Rejected", date = "2027-01-04" });

        own.Clock.Now = start.AddMonths(20);
        await http.CreateAsync("/api/outcomes", new { needId = need, clientId = withRecentOutcome, stage = "Proposed", date = DateOnly.FromDateTime(own.Clock.Now.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        var recent = await CreateClientAsync(http);

        own.Clock.Now = start.AddMonths(months).AddDays(1);
        Assert.Equal(2, await RunRetentionAsync(own));

        var left = await own.WithDbAsync(db => db.Clients.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        Assert.Equal([withRecentOutcome, recent], left);
        var anonymised = await own.WithDbAsync(db => db.Outcomes.AsNoTracking().SingleAsync(o => o.Id == oldOutcome.GetProperty("id").GetInt32()));
        Assert.Null(anonymised.ClientId);
        Assert.Equal(OutcomeStage.Rejected, anonymised.Stage);

        // Idempotent: nothing more is due.
        Assert.Equal(0, await RunRetentionAsync(own));

        // Off: nothing is erased, however old.
        own.Clock.Now = start.AddYears(20);
        using var off = own.WithWebHostBuilder(b => b.UseSetting("Privacy:RetentionMonths", "0"));
        Assert.Equal(0, await RunRetentionAsync(off));
        Assert.Equal(2, await own.WithDbAsync(db => db.Clients.CountAsync()));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(24, true)]
    [InlineData(1201, false)]
    public void Retention_months_from_0_to_1200_are_valid(int months, bool valid)
    {
        var validation = new DataAnnotationValidateOptions<PrivacyOptions>(null).Validate(null, new PrivacyOptions { RetentionMonths = months });
        Assert.Equal(valid, validation.Succeeded);
    }

    private static async Task<int> RunRetentionAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClientRetention>().EraseInactiveAsync(CancellationToken.None);
    }

    private static async Task<int> CreateClientAsync(HttpClient http) =>
        (await http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();

    /// <summary>A client with protected attributes, changed once, shown in every kind of list and on a stored shortlist.</summary>
    private async Task<(int Need, int Client)> ClientWithHistoryAsync(string reference)
    {
        var employer = await _http.CreateEmployerAsync();
        var need = await _http.CreateNeedAsync(employer, b => b.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));
        var body = TestData.Client().With("reference", reference)
            .With("protected", new { gender = "diverse", birthYear = 1987, nationality = "UA", severeDisability = true });
        var client = (await _http.CreateAsync("/api/clients", body)).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/api/clients/{client}", body.With("hoursPerWeek", 35).With("version", 1))).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MatchingJobs>().RematchAsync(CancellationToken.None);
        }

        Assert.True(await factory.WithDbAsync(db => db.Shortlists.AnyAsync(s => s.ClientId == client)), "the client is on a stored shortlist");
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/clients/{client}/matches")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/api/needs/{need}/shortlist")).StatusCode);
        return (need, client);
    }

    /// <summary>An outcome following the client's row in a candidate list, with free texts that name the client.</summary>
    private async Task<int> RecordOutcomeAsync(int need, int client, string reference)
    {
        var candidates = await (await _http.GetAsync($"/api/needs/{need}/candidates?top=500")).JsonAsync();
        var row = candidates.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("clientId").GetInt32() == client);
        var outcome = await _http.CreateAsync("/api/outcomes", new
        {
            needId = need,
            clientId = client,
            stage = "Invited",
            date = "2027-01-04",
            decidedBy = "IFK-01",
            reason = $"{reference} kommt zum Vorstellungsgespräch",
            passOverReason = $"{reference} wohnt am nächsten",
            impressionId = row.GetProperty("impressionId").GetInt64(),
        });
        return outcome.GetProperty("id").GetInt32();
    }

    /// <summary>The files of the data directory (database, WAL, job storage, anything else) holding the text in UTF-8 or UTF-16.</summary>
    private List<string> FilesContaining(string text)
    {
        byte[][] patterns = [Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text), Encoding.BigEndianUnicode.GetBytes(text)];
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(factory.DataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            if (patterns.Any(p => bytes.AsSpan().IndexOf(p) >= 0))
            {
                found.Add(Path.GetFileName(file));
            }
        }

        return found;
    }

    /// <summary>
    /// Every table of the model: rows whose any column, as text, contains the reference, and rows
    /// whose foreign key to the clients names the id, and the client's own row; as "table.column" lines.
    /// </summary>
    private Task<List<string>> RowsNamingAsync(string reference, int client) => factory.WithDbAsync(async db =>
    {
        var found = new List<string>();
        var model = db.Model.GetRelationalModel();
        var clients = db.Clients.EntityType.GetTableName()!;
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = db.Database.GetDbConnection();
            foreach (var table in model.Tables)
            {
                var name = table.Schema is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
                foreach (var column in table.Columns)
                {
                    if (await CountAsync(connection, $"SELECT COUNT(*) FROM {name} WHERE CAST(\"{column.Name}\" AS TEXT) LIKE @p", "%" + reference + "%") > 0)
                    {
                        found.Add($"{table.Name}.{column.Name} ~ reference");
                    }
                }

                var keys = table.ForeignKeyConstraints.Where(f => f.PrincipalTable.Name == clients).SelectMany(f => f.Columns)
                    .Concat(table.Name == clients ? table.PrimaryKey!.Columns : []);
                foreach (var column in keys)
                {
                    if (await CountAsync(connection, $"SELECT COUNT(*) FROM {name} WHERE \"{column.Name}\" = @p", client) > 0)
                    {
                        found.Add($"{table.Name}.{column.Name} = id");
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return found;
    });

    private static async Task<long> CountAsync(DbConnection connection, string sql, object value)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "p";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
