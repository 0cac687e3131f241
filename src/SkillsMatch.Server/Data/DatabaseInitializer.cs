using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Server.Data;

/// <summary>On start of the embedded default: apply migrations, then seed an empty database from <c>samples/</c>.</summary>
internal sealed partial class DatabaseInitializer(IServiceScopeFactory scopes, IOptions<StorageOptions> options, StartupGate gate, IHostApplicationLifetime lifetime, ILogger<DatabaseInitializer> logger) : IHostedService
{
    private Task? _seeding;

    /// <summary>Migrates before the listener starts; seeds an empty database afterwards, behind the <see cref="StartupGate"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        if (!storage.MigrateOnStart)
        {
            gate.Open();
            return;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            await DatabaseMigrator.MigrateAsync(db, logger, cancellationToken);
            LogMigrated(logger, storage.Provider);
            if (!storage.SeedSamplesOnStart || await db.Employers.AnyAsync(cancellationToken))
            {
                await scope.ServiceProvider.GetRequiredService<Features.Accounts.DemoAccounts>().EnsureAsync(cancellationToken);
                gate.Open();
                return;
            }
        }

        _seeding = Task.Run(() => SeedAsync(storage, lifetime.ApplicationStopping), CancellationToken.None);
    }

    private async Task SeedAsync(StorageOptions storage, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var folder = SampleFiles.Locate(storage.SamplesDirectory);
            var importer = scope.ServiceProvider.GetRequiredService<SampleImporter>();
            var counts = await importer.ImportAsync(folder, ct);
            LogSeeded(logger, counts.Employers, counts.Needs, counts.Clients, counts.Courses, counts.Outcomes);
            await scope.ServiceProvider.GetRequiredService<Features.Accounts.DemoAccounts>().EnsureAsync(ct);
            gate.Open();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSeedingFailed(logger, e);
            gate.Fail(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _seeding is null ? Task.CompletedTask : _seeding.WaitAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding the sample data failed; the service answers 503 until restarted")]
    private static partial void LogSeedingFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded an empty database from samples: {Employers} employers, {Needs} needs, {Clients} clients, {Courses} courses, {Outcomes} outcomes")]
    private static partial void LogSeeded(ILogger logger, int employers, int needs, int clients, int courses, int outcomes);
}
