using Npgsql;

namespace SkillsMatch.Server.Tests;

/// <summary>
/// The PostgreSQL the tests may use: <c>SKILLSMATCH_TEST_POSTGRES</c> is a connection string to a
/// server where the user may create databases (<c>.ci/run</c> starts a throw-away cluster and sets it).
/// With <c>SKILLSMATCH_TEST_PROVIDER=Postgres</c> every test app runs on PostgreSQL, not only the
/// PostgreSQL tests. Absent on a developer's machine, the PostgreSQL tests are skipped; in CI
/// (<c>CI=true</c>) they run and fail, so CI can never pass without PostgreSQL.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "SKILLSMATCH_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every test app on PostgreSQL instead of SQLite (the second pass of <c>.ci/run</c>).</summary>
    public static bool Everywhere => string.Equals(Environment.GetEnvironmentVariable("SKILLSMATCH_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public static string SkipReason => $"PostgreSQL tests need {Variable} (a connection string to a server where the user may create databases); .ci/run starts one.";

    private static string Admin => ConnectionString ?? throw new InvalidOperationException(
        InCi ? $"CI=true but {Variable} is not set: the PostgreSQL tests must run in CI." : SkipReason);

    /// <summary>Creates an empty database with a random name and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var name = $"skillsmatch_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(Admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(Admin) { Database = name }.ConnectionString;
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Admin);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}

/// <summary>A test that needs PostgreSQL: skipped without <c>SKILLSMATCH_TEST_POSTGRES</c>, except in CI, where it fails.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.ConnectionString is null && !TestPostgres.InCi)
        {
            Skip = TestPostgres.SkipReason;
        }
    }
}

/// <summary>A test of the SQLite file itself: skipped in the pass that runs every test app on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestPostgres.Everywhere)
        {
            Skip = "This pass runs every test app on PostgreSQL; the SQLite file is tested in the default pass.";
        }
    }
}
