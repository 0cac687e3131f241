using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Server.Data;

/// <summary>On start of the embedded default: apply migrations, then seed an empty database from <c>samples/</c>.</summary>
internal sealed partial class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<StorageOptions> options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        if (!storage.MigrateOnStart)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
        await DatabaseMigrator.MigrateAsync(db, logger, cancellationToken);
        LogMigrated(logger, storage.Provider);

        if (storage.SeedSamplesOnStart && !await db.Employers.AnyAsync(cancellationToken))
        {
            var folder = SampleFiles.Locate(storage.SamplesDirectory);
            var importer = scope.ServiceProvider.GetRequiredService<SampleImporter>();
            var counts = await importer.ImportAsync(folder, cancellationToken);
            LogSeeded(logger, counts.Employers, counts.Needs, counts.Clients, counts.Courses, counts.Outcomes);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded an empty database from samples: {Employers} employers, {Needs} needs, {Clients} clients, {Courses} courses, {Outcomes} outcomes")]
    private static partial void LogSeeded(ILogger logger, int employers, int needs, int clients, int courses, int outcomes);
}
