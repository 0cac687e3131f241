using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Employers;

namespace SkillsMatch.Server.Tests;

/// <summary>The PostgreSQL provider on a database of its own: schema, job storage, keys, and a round trip through the API.</summary>
public sealed class PostgresTests : IDisposable
{
    private readonly PostgresSkillsMatchFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [PostgresFact]
    public async Task Postgres_provider_applies_its_own_migrations_and_keeps_jobs_in_the_same_database()
    {
        _ = _factory.CreateClient();
        var (provider, pending, applied) = await _factory.WithDbAsync(async db =>
            (db.Database.ProviderName, (await db.Database.GetPendingMigrationsAsync()).Count(), (await db.Database.GetAppliedMigrationsAsync()).ToList()));
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
        Assert.Equal(0, pending);
        Assert.NotEmpty(applied);

        await using var connection = new NpgsqlConnection(_factory.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FROM information_schema.tables
            WHERE (table_schema = 'public' AND table_name IN ('Needs', 'Clients', 'Courses', 'Outcomes', 'Employers', 'ForumRounds', 'NeedComments', 'RankerModels'))
               OR (table_schema = 'hangfire' AND table_name = 'job')
            """;
        Assert.Equal(9L, (long)(await command.ExecuteScalarAsync())!);
        Assert.False(File.Exists(Path.Combine(_factory.DataDirectory, "skillsmatch.db")));
        Assert.False(File.Exists(Path.Combine(_factory.DataDirectory, "hangfire.db")));
    }

    [PostgresFact]
    public async Task Client_and_need_round_trip_through_the_API_and_match_on_Postgres()
    {
        var http = _factory.CreateClient();
        var employer = await http.CreateEmployerAsync();
        var need = await http.CreateNeedAsync(employer, b => b.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));
        var created = await http.CreateAsync("/api/clients", TestData.Client());
        var client = created.GetProperty("id").GetInt32();

        var candidates = await (await http.GetAsync($"/api/needs/{need}/candidates?top=10")).JsonAsync();
        Assert.Contains(candidates.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("clientId").GetInt32() == client);

        // Optimistic concurrency holds on PostgreSQL too: the second update naming version 1 is refused.
        var update = TestData.Client().With("reference", created.GetProperty("reference").GetString()).With("maxCommuteMinutes", 60).With("version", 1);
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync($"/api/clients/{client}", update)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PutAsJsonAsync($"/api/clients/{client}", update)).StatusCode);
        var stored = await _factory.WithDbAsync(db => db.Clients.AsNoTracking().SingleAsync(c => c.Id == client));
        Assert.Equal((60, 2L), (stored.MaxCommuteMinutes, stored.Version));
        Assert.Equal(TimeSpan.Zero, stored.UpdatedAt.Offset);
        Assert.Equal(_factory.Clock.Now, stored.UpdatedAt);

        // Searching by name ignores case on both providers.
        var name = (await (await http.GetAsync($"/api/employers/{employer}")).JsonAsync()).GetProperty("name").GetString()!;
        var found = await (await http.GetAsync($"/api/employers?q={Uri.EscapeDataString(name.ToUpperInvariant())}")).JsonAsync();
        Assert.Equal(1, found.GetProperty("total").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/needs/{need}")).StatusCode);
        Assert.False(await _factory.WithDbAsync(db => db.Needs.AnyAsync(n => n.Id == need)));
    }

    [PostgresFact]
    public async Task Rows_imported_with_their_own_keys_do_not_collide_with_the_next_insert()
    {
        var http = _factory.CreateClient();
        await _factory.WithDbAsync(async db =>
        {
            db.Employers.Add(new Employer { Id = 500, Name = "Importiert GmbH", Sector = "logistics", MunicipalityAgs = TestData.Bingen });
            await db.SaveChangesAsync();
            await db.SyncIdentitiesAsync(CancellationToken.None);
            return 0;
        });

        Assert.Equal(501, await http.CreateEmployerAsync());
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_the_start_naming_the_key()
    {
        var root = Cli.Create((_, _) => Task.FromResult(1));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            root.Parse(["migrate", $"--Storage:DataDirectory={_factory.DataDirectory}", "--Storage:Provider=Postgres"])
                .InvokeAsync(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
