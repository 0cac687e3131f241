using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SkillsMatch.Server.Api;

/// <summary>A unique or foreign-key violation a save ran into; <see cref="Field"/> when the database names the column.</summary>
public sealed record ConstraintViolation(bool Unique, string? Field);

/// <summary>Recognises constraint violations from either provider: SQLite's codes and messages, PostgreSQL's SQLSTATE.</summary>
public static partial class DbConstraints
{
    public static ConstraintViolation? Violation(DbUpdateException exception) =>
        exception?.InnerException is DbException db ? Violation(db) : null;

    public static bool IsForeignKeyViolation(DbUpdateException exception) => Violation(exception) is { Unique: false };

    public static ConstraintViolation? Violation(DbException db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is SqliteException { SqliteErrorCode: 19 } sqlite)
        {
            // SQLITE_CONSTRAINT; the extended code (2067 unique, 1555 primary key, 787 foreign key) is
            // not always set, the message always names the kind: "UNIQUE constraint failed: Clients.Reference".
            return sqlite.SqliteExtendedErrorCode is 2067 or 1555 || sqlite.Message.Contains("UNIQUE constraint", StringComparison.Ordinal)
                ? new ConstraintViolation(true, ColumnOf(sqlite.Message))
                : sqlite.SqliteExtendedErrorCode == 787 || sqlite.Message.Contains("FOREIGN KEY constraint", StringComparison.Ordinal)
                    ? new ConstraintViolation(false, null)
                    : null;
        }

        return db.SqlState switch
        {
            "23505" => new ConstraintViolation(true, null),
            "23503" => new ConstraintViolation(false, null),
            _ => null,
        };
    }

    private static string? ColumnOf(string message)
    {
        var match = UniqueColumn().Match(message);
        return match.Success ? ProblemBuilder.JsonPath(match.Groups["column"].Value) : null;
    }

    [GeneratedRegex(@"constraint failed: \w+\.(?<column>\w+)'?\.?$")]
    private static partial Regex UniqueColumn();
}
