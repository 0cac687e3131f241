using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Ranking;

/// <summary>
/// The recurring <c>purge-impressions</c> job: deletes impressions shown longer ago than
/// <see cref="RankerOptions.ImpressionRetentionDays"/>. Idempotent: a second run finds nothing more to delete.
/// Outcomes linked to a deleted impression keep their rank and lose only the link.
/// </summary>
public sealed partial class ImpressionRetention(SkillsMatchDbContext db, TimeProvider clock, IOptions<RankerOptions> options, ILogger<ImpressionRetention> logger)
{
    public const string Job = "purge-impressions";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task PurgeAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.ImpressionRetentionDays);
        var deleted = await db.Impressions.Where(i => i.ShownAt < cutoff).ExecuteDeleteAsync(ct);
        LogPurged(logger, deleted, options.Value.ImpressionRetentionDays);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Impressions} impressions older than {Days} days")]
    private static partial void LogPurged(ILogger logger, int impressions, int days);
}
