using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace SkillsMatch.Server.Tests;

public sealed class StorageTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    [SqliteFact]
    public async Task Embedded_default_is_a_SQLite_file_in_the_data_directory_in_WAL_mode()
    {
        _ = factory.CreateClient();
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "skillsmatch.db")));
        var mode = await factory.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            return (string?)await command.ExecuteScalarAsync();
        });
        Assert.Equal("wal", mode);
    }

    [Fact]
    public async Task Migrations_are_applied_on_start()
    {
        _ = factory.CreateClient();
        var pending = await factory.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).Count());
        Assert.Equal(0, pending);
    }

    [Fact]
    public async Task Unknown_provider_stops_the_start_naming_the_supported_ones()
    {
        var folder = Path.Combine(factory.DataDirectory, "unknown-provider");
        var root = Cli.Create((_, _) => Task.FromResult(1));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            root.Parse(["migrate", $"--Storage:DataDirectory={folder}", "--Storage:Provider=Oracle"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.Contains("Storage:Provider must be one of: Sqlite, Postgres", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "skillsmatch.db")));
    }

    [Fact]
    public void Matching_constants_come_from_configuration()
    {
        using var configured = factory.WithWebHostBuilder(b => b.UseSetting("Matching:RelatedCredit", "0.25").UseSetting("Matching:MinHoursShare", "0.5"));
        var options = configured.Services.GetRequiredService<IOptions<SkillsMatch.Engine.Matching.MatchingOptions>>().Value;
        Assert.Equal(0.25f, options.RelatedCredit);
        Assert.Equal(0.5, options.MinHoursShare);
    }

    [SqliteFact]
    public async Task Migrate_verb_creates_the_schema_and_exits()
    {
        var folder = Path.Combine(factory.DataDirectory, "migrate-verb");
        var root = Cli.Create((_, _) => Task.FromResult(1));
        var exit = await root.Parse(["migrate", $"--Storage:DataDirectory={folder}"]).InvokeAsync();
        Assert.Equal(0, exit);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "skillsmatch.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('Needs', 'Clients', 'Courses', 'Outcomes', 'Employers', 'ForumRounds', 'NeedComments')";
        Assert.Equal(7L, (long)(await command.ExecuteScalarAsync())!);
    }
}
