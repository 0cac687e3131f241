using Microsoft.EntityFrameworkCore;

namespace SkillsMatch.Server.Data;

/// <summary>The one place where the database provider is chosen.</summary>
public static class DatabaseSetup
{
    public static void UseConfiguredProvider(this DbContextOptionsBuilder builder, StorageOptions options)
    {
        switch (options.Provider)
        {
            case var p when string.Equals(p, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase):
                builder.UseSqlite(options.ResolveConnectionString(), sqlite => sqlite.MigrationsAssembly(typeof(DatabaseSetup).Assembly.FullName));
                builder.AddInterceptors(new SqliteWalInterceptor());
                break;
            default:
                throw new InvalidOperationException(
                    $"Unknown database provider '{options.Provider}'. Supported providers: {string.Join(", ", StorageOptions.SupportedProviders)}.");
        }
    }
}

/// <summary>Every SQLite connection runs in WAL mode with foreign keys on and a busy timeout, so readers never block the writer.</summary>
internal sealed class SqliteWalInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData) =>
        Configure(connection);

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    private static void Configure(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the app.</summary>
internal sealed class DesignTimeDbContextFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SkillsMatchDbContext>
{
    public SkillsMatchDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SkillsMatchDbContext>();
        builder.UseConfiguredProvider(new StorageOptions { ConnectionString = "Data Source=design-time.db" });
        return new SkillsMatchDbContext(builder.Options, TimeProvider.System);
    }
}
