using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Privacy;

/// <summary>
/// The recurring <c>erase-inactive-clients</c> job: erases (see <see cref="ClientErasure"/>) every
/// client whose profile has not changed for <see cref="PrivacyOptions.RetentionMonths"/> months as of
/// the app's clock and who has no outcome dated within those months. Does nothing when the
/// retention is off. Idempotent: a second run finds no one left to erase. Logs counts only, never a
/// client's id or reference.
/// </summary>
public sealed partial class ClientRetention(SkillsMatchDbContext db, ClientErasure erasure, TimeProvider clock, IOptions<PrivacyOptions> options, ILogger<ClientRetention> logger)
{
    public const string Job = "erase-inactive-clients";

    /// <summary>Erases the inactive clients in batches; returns how many were erased.</summary>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> EraseInactiveAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.RetentionEnabled)
        {
            LogOff(logger);
            return 0;
        }

        var months = settings.RetentionMonths;
        var cutoff = clock.GetUtcNow().AddMonths(-months);
        var since = clock.Today().AddMonths(-months);
        var due = await db.Clients.AsNoTracking()
            .Where(c => c.UpdatedAt < cutoff && !db.Outcomes.Any(o => o.ClientId == c.Id && o.Date >= since))
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(ct);

        var erased = 0;
        foreach (var batch in due.Chunk(settings.BatchSize))
        {
            // Judged again inside the erasure's transaction: a client changed or given an outcome since stays.
            erased += await erasure.EraseWhereAsync(c => batch.Contains(c.Id) && c.UpdatedAt < cutoff && !db.Outcomes.Any(o => o.ClientId == c.Id && o.Date >= since), ct);
        }

        LogErased(logger, erased, months);
        return erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client retention is off (Privacy:RetentionMonths = 0)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased {Clients} clients inactive for more than {Months} months")]
    private static partial void LogErased(ILogger logger, int clients, int months);
}
