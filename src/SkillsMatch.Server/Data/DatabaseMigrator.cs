using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SkillsMatch.Server.Data;

/// <summary>
/// Applies migrations for every caller (start, <c>migrate</c>, <c>train</c>, <c>evaluate</c>,
/// <c>samples import</c>). On SQLite, EF Core guards a migration with a row in
/// <c>__EFMigrationsLock</c>; a process killed while holding it left the row behind and every later
/// start waited for it forever. Here the process first takes an operating-system lock on a file
/// beside the database, which the system releases when a process dies. Holding it, no other live
/// process can be migrating, so a row still in the lock table is stale: it is removed, with a
/// warning in the log, before EF Core migrates. PostgreSQL's advisory lock ends with its session and
/// needs none of this.
/// </summary>
public static partial class DatabaseMigrator
{
    public const string LockTable = "__EFMigrationsLock";

    public static async Task MigrateAsync(SkillsMatchDbContext db, ILogger logger, CancellationToken ct, TimeSpan? wait = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite() || SqliteFile(db) is not { } file)
        {
            await db.Database.MigrateAsync(ct);
            return;
        }

        await using var guard = await LockFileAsync(file + ".migrate.lock", wait ?? TimeSpan.FromMinutes(2), ct);
        var stale = await RemoveStaleLockAsync(file, ct);
        if (stale > 0)
        {
            LogStaleLock(logger, stale);
        }

        await db.Database.MigrateAsync(ct);
    }

    /// <summary>Rows in the lock table, removed on a connection of its own; only called while this process holds the file lock.</summary>
    private static async Task<int> RemoveStaleLockAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            return 0;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using var exists = connection.CreateCommand();
        exists.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{LockTable}'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        await using var delete = connection.CreateCommand();
        delete.CommandText = $"DELETE FROM \"{LockTable}\"";
        return await delete.ExecuteNonQueryAsync(ct);
    }

    private static string? SqliteFile(SkillsMatchDbContext db)
    {
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file::memory:", StringComparison.Ordinal) ? null : Path.GetFullPath(source);
    }

    /// <summary>An exclusive lock on <paramref name="path"/>, retried until <paramref name="wait"/> has passed (another process migrating).</summary>
    private static async Task<FileStream> LockFileAsync(string path, TimeSpan wait, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (Stopwatch.GetElapsedTime(started) < wait)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed a stale migration lock ({Rows} row in __EFMigrationsLock) left by a process that ended while migrating")]
    private static partial void LogStaleLock(ILogger logger, int rows);
}
