using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Jobs;

namespace SkillsMatch.Server.Features.Matching;

/// <summary>
/// The recurring <c>purge-change-log</c> job: keeps the newest <see cref="JobsOptions.ChangeLogKeep"/>
/// change-log entries and deletes the rest, by sequence, not by date. An instance that had not yet
/// seen a deleted entry notices that the log no longer reaches back to its snapshot and rebuilds
/// (see <see cref="CandidateIndexHost"/>). Idempotent: a second run finds nothing more to delete.
/// </summary>
public sealed partial class ChangeLogRetention(SkillsMatchDbContext db, IOptions<JobsOptions> options, ILogger<ChangeLogRetention> logger)
{
    public const string Job = "purge-change-log";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task PurgeAsync(CancellationToken ct)
    {
        var latest = await db.ChangeLog.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;
        var cutoff = latest - options.Value.ChangeLogKeep;
        var deleted = cutoff <= 0 ? 0 : await db.ChangeLog.Where(c => c.Sequence <= cutoff).ExecuteDeleteAsync(ct);
        LogPurged(logger, deleted, cutoff);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Entries} change-log entries up to sequence {Cutoff}")]
    private static partial void LogPurged(ILogger logger, int entries, long cutoff);
}
