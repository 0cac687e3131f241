using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Matching;

namespace SkillsMatch.Server.Features.Privacy;

/// <summary>
/// Erases clients: the one way a client leaves the database, used by <c>DELETE /api/clients/{id}</c>
/// and by the retention job (<see cref="ClientRetention"/>). In one transaction it
/// <list type="bullet">
/// <item>keeps the client's outcomes as an anonymous decision history — need, stage, date, rank and
/// impression stay; the client link goes, the free texts (<see cref="Outcomes.Outcome.Reason"/>,
/// <see cref="Outcomes.Outcome.PassOverReason"/>), which may name the client, are replaced by
/// <see cref="Redacted"/> (so "a reason was given" still counts) and <see cref="Outcomes.Outcome.DecidedBy"/> is cleared;</item>
/// <item>keeps the impressions (rank, features, ranker) without the client link;</item>
/// <item>deletes the client's shortlist rows and the client's earlier change-log entries;</item>
/// <item>deletes the client row with its owned columns (skills, languages, occupations as JSON,
/// protected attributes), which writes the one change-log entry other instances need to drop the
/// client from their snapshots: entity, id and the deleted flag, nothing else.</item>
/// </list>
/// Afterwards, on SQLite, the write-ahead log is checkpointed and truncated, so with
/// <c>secure_delete</c> (see <see cref="DatabaseSetup"/>) no page of the files keeps the erased values;
/// then this instance's candidate index is refreshed. On PostgreSQL the old row versions are dead
/// tuples until (auto)vacuum reclaims them (docs/privacy.md).
/// </summary>
public sealed partial class ClientErasure(SkillsMatchDbContext db, CandidateIndexHost index, TimeProvider clock, ILogger<ClientErasure> logger)
{
    /// <summary>What stays of a free text that may have named an erased client.</summary>
    public const string Redacted = "[gelöscht]";

    /// <summary>Erases the clients with these ids (unknown ids are skipped); returns how many were erased.</summary>
    public Task<int> EraseAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return list.Count == 0 ? Task.FromResult(0) : EraseWhereAsync(c => list.Contains(c.Id), ct);
    }

    /// <summary>
    /// Erases every client matching <paramref name="which"/>, chosen inside the erasure's transaction
    /// (so a client changed meanwhile is judged by its current row); returns how many were erased.
    /// </summary>
    public async Task<int> EraseWhereAsync(Expression<Func<Client, bool>> which, CancellationToken ct)
    {
        int erased;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var clients = await db.Clients.Where(which).ToListAsync(ct);
            if (clients.Count == 0)
            {
                return 0;
            }

            var ids = clients.Select(c => c.Id).ToList();
            var now = clock.GetUtcNow();
            await db.Outcomes.Where(o => o.ClientId != null && ids.Contains(o.ClientId.Value)).ExecuteUpdateAsync(u => u
                .SetProperty(o => o.ClientId, (int?)null)
                .SetProperty(o => o.Reason, o => o.Reason == null ? null : Redacted)
                .SetProperty(o => o.PassOverReason, o => o.PassOverReason == null ? null : Redacted)
                .SetProperty(o => o.DecidedBy, (string?)null)
                .SetProperty(o => o.Version, o => o.Version + 1)
                .SetProperty(o => o.UpdatedAt, now), ct);
            await db.Impressions.Where(i => i.ClientId != null && ids.Contains(i.ClientId.Value))
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ClientId, (int?)null), ct);
            await db.Shortlists.Where(s => ids.Contains(s.ClientId)).ExecuteDeleteAsync(ct);
            await db.ChangeLog.Where(c => c.Entity == ChangeLogEntry.Client && ids.Contains(c.EntityId)).ExecuteDeleteAsync(ct);

            db.Clients.RemoveRange(clients);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            erased = clients.Count;
        }

        db.ChangeTracker.Clear();
        await CheckpointAsync(ct);
        await index.RefreshAsync(db, ct);
        LogErased(logger, erased);
        return erased;
    }

    /// <summary>
    /// SQLite: copies the write-ahead log into the database file and truncates it to zero bytes, so
    /// the page images written before and during the erasure are gone from the log, too.
    /// </summary>
    private async Task CheckpointAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(ct);

            // One row: busy (1 when a reader or writer kept the checkpoint from finishing), log frames, checkpointed frames.
            if (await reader.ReadAsync(ct) && reader.GetInt64(0) != 0)
            {
                LogCheckpointBusy(logger);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased {Clients} clients")]
    private static partial void LogErased(ILogger logger, int clients);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The WAL checkpoint after an erasure could not finish (a reader was busy); the next erasure truncates the log")]
    private static partial void LogCheckpointBusy(ILogger logger);
}
