using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace SkillsMatch.Server.Data;

/// <summary>
/// The one place where the storage provider is chosen: the database (with its own migrations per
/// provider), Hangfire's job storage and, through the database, the model store.
/// </summary>
public static class DatabaseSetup
{
    /// <summary>
    /// Registers <see cref="SkillsMatchDbContext"/> for the configured provider. On PostgreSQL it is a
    /// <see cref="PostgresSkillsMatchDbContext"/>, whose type selects the PostgreSQL migrations.
    /// </summary>
    public static void AddStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations()
            .Validate(o => StorageOptions.SupportedProviders.Contains(o.Provider, StringComparer.OrdinalIgnoreCase),
                $"Storage:Provider must be one of: {string.Join(", ", StorageOptions.SupportedProviders)}.")
            .Validate(o => !o.IsPostgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:Provider=Postgres needs Storage:ConnectionString.")
            .ValidateOnStart();

        var configured = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (configured.IsPostgres)
        {
            services.AddDbContext<PostgresSkillsMatchDbContext>((sp, options) => options.UseConfiguredProvider(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
            services.AddScoped<SkillsMatchDbContext>(sp => sp.GetRequiredService<PostgresSkillsMatchDbContext>());
        }
        else
        {
            // An unknown provider lands here too; resolving the options then stops with the supported names.
            services.AddDbContext<SkillsMatchDbContext>((sp, options) => options.UseConfiguredProvider(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        }
    }

    public static void UseConfiguredProvider(this DbContextOptionsBuilder builder, StorageOptions options)
    {
        var migrations = typeof(DatabaseSetup).Assembly.FullName;
        if (options.IsSqlite)
        {
            builder.UseSqlite(options.ResolveConnectionString(), sqlite => sqlite.MigrationsAssembly(migrations));
            builder.AddInterceptors(new SqliteWalInterceptor());
        }
        else if (options.IsPostgres)
        {
            builder.UseNpgsql(options.ResolveConnectionString(), npgsql => npgsql.MigrationsAssembly(migrations));
        }
        else
        {
            throw UnknownProvider(options);
        }
    }

    /// <summary>Hangfire keeps its jobs beside the data: a SQLite file in the data directory, or a schema <c>hangfire</c> in the PostgreSQL database.</summary>
    public static IGlobalConfiguration UseConfiguredJobStorage(this IGlobalConfiguration configuration, StorageOptions options)
    {
        if (options.IsSqlite)
        {
            var folder = Path.GetFullPath(options.DataDirectory);
            Directory.CreateDirectory(folder);
            return configuration.UseSQLiteStorage(Path.Combine(folder, "hangfire.db"));
        }

        if (options.IsPostgres)
        {
            var connection = options.ResolveConnectionString();
            return configuration.UsePostgreSqlStorage(c => c.UseNpgsqlConnection(connection), new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true });
        }

        throw UnknownProvider(options);
    }

    /// <summary>
    /// After rows were inserted with explicit keys (the sample import), PostgreSQL's identity
    /// sequences must move past them; SQLite takes the next key from the table itself.
    /// </summary>
    public static async Task SyncIdentitiesAsync(this SkillsMatchDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.GetTableName() is not null))
        {
            var key = entity.FindPrimaryKey();
            if (key is not { Properties: [{ ValueGenerated: Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd, ClrType: var type } property] } || (type != typeof(int) && type != typeof(long)))
            {
                continue;
            }

            var table = entity.GetTableName()!;
            var column = property.GetColumnName();
#pragma warning disable EF1002 // Table and column names come from the model, not from input.
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), GREATEST(COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0), 1), (SELECT MAX(\"{column}\") FROM \"{table}\") IS NOT NULL)", ct);
#pragma warning restore EF1002
        }
    }

    private static InvalidOperationException UnknownProvider(StorageOptions options) => new(
        $"Unknown database provider '{options.Provider}'. Supported providers: {string.Join(", ", StorageOptions.SupportedProviders)}.");
}

/// <summary>
/// Every SQLite connection runs in WAL mode with foreign keys on and a busy timeout, so readers never
/// block the writer, and with <c>secure_delete</c>: deleted or overwritten content is zeroed in its
/// page instead of lingering in free space, so an erased client is gone from the file (with the
/// checkpoint <see cref="Features.Privacy.ClientErasure"/> runs, from the WAL, too).
/// </summary>
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

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA secure_delete=ON;";

    private static void Configure(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without starting the app.</summary>
internal sealed class DesignTimeDbContextFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SkillsMatchDbContext>
{
    public SkillsMatchDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SkillsMatchDbContext>();
        builder.UseConfiguredProvider(new StorageOptions { ConnectionString = "Data Source=design-time.db" });
        return new SkillsMatchDbContext(builder.Options, TimeProvider.System);
    }
}

/// <summary>The PostgreSQL context for <c>dotnet ef</c>; no server is contacted to add a migration or check for drift.</summary>
internal sealed class PostgresDesignTimeDbContextFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresSkillsMatchDbContext>
{
    public PostgresSkillsMatchDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresSkillsMatchDbContext>();
        builder.UseConfiguredProvider(new StorageOptions { Provider = StorageOptions.Postgres, ConnectionString = "Host=localhost;Database=skillsmatch_design_time" });
        return new PostgresSkillsMatchDbContext(builder.Options, TimeProvider.System);
    }
}
