using System.ComponentModel.DataAnnotations;

namespace SkillsMatch.Server.Data;

/// <summary>Where SkillsMatch keeps its state. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public static readonly string[] SupportedProviders = [Sqlite, Postgres];

    [Required]
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// Overrides the default connection string; for SQLite the default is a file in <see cref="DataDirectory"/>.
    /// PostgreSQL needs one, e.g. <c>Host=db;Database=skillsmatch;Username=skillsmatch;Password=…</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the database file and other state, relative to the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "var";

    /// <summary>Apply migrations at start (the embedded default does).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Seed an empty database from the CSV files in <see cref="SamplesDirectory"/> at start. Off
    /// unless configured: appsettings.Development.json turns it on, so <c>dotnet run</c> shows the
    /// sample county while no other environment is ever filled with sample clients by accident.
    /// </summary>
    public bool SeedSamplesOnStart { get; set; }

    /// <summary>The sample CSV folder; found next to the program or above the working directory when empty.</summary>
    public string? SamplesDirectory { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    public string ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        if (IsPostgres)
        {
            throw new InvalidOperationException("Storage:Provider=Postgres needs Storage:ConnectionString.");
        }

        var folder = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "skillsmatch.db")}";
    }
}
