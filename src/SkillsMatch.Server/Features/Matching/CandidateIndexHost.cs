using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Features.Matching;

/// <summary>
/// What every match on this instance reads: clients, open needs and the course catalogue as of one
/// change-log <see cref="Sequence"/>. Never changed once published; a newer snapshot replaces it.
/// </summary>
public sealed record MatchingSnapshot(long Sequence, CandidateIndex Clients, NeedIndex OpenNeeds, TrainingPlanner Planner);

/// <summary>
/// Owns the process's <see cref="MatchingSnapshot"/>: built from the database on first use and
/// advanced by the change log (<see cref="ChangeLogEntry"/>), never by clocks. Readers take the
/// published snapshot without a lock; one updater at a time reads the entries after the
/// snapshot's sequence, reloads the rows they name and publishes a new snapshot.
/// </summary>
/// <remarks>
/// Entries and rows are read in one read transaction, so a snapshot is the database exactly as of
/// its sequence. On SQLite writes are serialised, so sequences commit in order. Where sequences can
/// commit out of order (PostgreSQL identities), a sequence missing below the newest one seen is a
/// hole: it is asked for again on every update until it shows up or falls
/// <see cref="HoleWindow"/> sequences behind (a rolled-back transaction leaves a hole that never fills).
/// </remarks>
public sealed partial class CandidateIndexHost(ReferenceData reference, IOptions<MatchingOptions> options, Ranking.RankerStore rankers, ILogger<CandidateIndexHost> logger) : IDisposable
{
    public const int HoleWindow = 1_000;

    private readonly SemaphoreSlim _updater = new(1, 1);
    private readonly SortedSet<long> _holes = [];
    private MatchingSnapshot? _snapshot;

    /// <summary>A matcher over the current snapshot, ranking with the active ranker — the one ranking every list uses.</summary>
    public async Task<Matcher> CurrentAsync(SkillsMatchDbContext db, CancellationToken ct) => MatcherOver(await SnapshotAsync(db, ct));

    public Matcher MatcherOver(MatchingSnapshot snapshot) => new(snapshot.Clients, options.Value, snapshot.Planner, rankers.Active.Ranker);

    /// <summary>
    /// The snapshot, first brought up to date unless another request is doing that right now: then
    /// the published one. A reader waits only for the very first build.
    /// </summary>
    public async Task<MatchingSnapshot> SnapshotAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && !_updater.Wait(0, ct))
        {
            return current;
        }

        if (current is null)
        {
            await _updater.WaitAsync(ct);
        }

        try
        {
            return await UpdateAsync(db, ct);
        }
        finally
        {
            _updater.Release();
        }
    }

    /// <summary>
    /// Applies every change committed so far, waiting for an update under way, so a writer's change
    /// is in its next match on this instance. Nothing to do before the first match builds the snapshot.
    /// </summary>
    public async Task RefreshAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        if (Volatile.Read(ref _snapshot) is null)
        {
            return;
        }

        await _updater.WaitAsync(ct);
        try
        {
            await UpdateAsync(db, ct);
        }
        finally
        {
            _updater.Release();
        }
    }

    public void Dispose() => _updater.Dispose();

    private async Task<MatchingSnapshot> UpdateAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        var current = _snapshot;
        var (transaction, sqlite) = await BeginReadAsync(db, ct);
        try
        {
            var next = current is null ? await BuildAsync(db, ct) : await AdvanceAsync(db, current, ct);
            if (!ReferenceEquals(next, current))
            {
                Volatile.Write(ref _snapshot, next);
            }

            return next;
        }
        finally
        {
            await transaction.DisposeAsync();
            if (sqlite is not null)
            {
                await sqlite.DisposeAsync();
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task<MatchingSnapshot> AdvanceAsync(SkillsMatchDbContext db, MatchingSnapshot current, CancellationToken ct)
    {
        var after = current.Sequence;
        var holes = _holes.ToList();
        var entries = await (holes.Count == 0
                ? db.ChangeLog.AsNoTracking().Where(c => c.Sequence > after)
                : db.ChangeLog.AsNoTracking().Where(c => c.Sequence > after || holes.Contains(c.Sequence)))
            .OrderBy(c => c.Sequence)
            .ToListAsync(ct);
        if (entries.Count == 0)
        {
            return current;
        }

        // The retention job removed entries this instance never saw: only a rebuild is safe.
        var firstNew = entries.Find(e => e.Sequence > after);
        if (firstNew is not null && firstNew.Sequence > after + 1 && await db.ChangeLog.MinAsync(c => c.Sequence, ct) > after + 1)
        {
            return await BuildAsync(db, ct);
        }

        var sequence = Math.Max(after, entries[^1].Sequence);
        TrackHoles(after, sequence, entries);
        var clientIds = Touched(entries, ChangeLogEntry.Client);
        if (clientIds.Count > Math.Max(1_000, current.Clients.Count / 4))
        {
            return await BuildAsync(db, ct);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var clients = current.Clients;
        if (clientIds.Count > 0)
        {
            var rows = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToListAsync(ct);
            clients = clients.With([.. rows.Select(c => c.ToProfile())], clientIds.Except(rows.Select(r => r.Id)));
        }

        var needs = current.OpenNeeds;
        var needIds = Touched(entries, ChangeLogEntry.Need);
        if (needIds.Count > 0)
        {
            var open = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id) && n.Status == NeedStatus.Open).ToListAsync(ct);
            needs = needs.With(clients, [.. open.Select(n => n.ToProfile())], needIds.Except(open.Select(n => n.Id)));
        }

        var planner = entries.Exists(e => e.Entity == ChangeLogEntry.Course) ? await PlannerAsync(db, clients, ct) : current.Planner;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        LogAdvanced(logger, entries.Count, sequence, elapsed.TotalMilliseconds);
        return new MatchingSnapshot(sequence, clients, needs, planner);
    }

    private void TrackHoles(long after, long sequence, List<ChangeLogEntry> entries)
    {
        var seen = entries.Select(e => e.Sequence).ToHashSet();
        for (var s = Math.Max(after + 1, sequence - HoleWindow); s < sequence; s++)
        {
            if (!seen.Contains(s))
            {
                _holes.Add(s);
            }
        }

        _holes.RemoveWhere(h => seen.Contains(h) || h <= sequence - HoleWindow);
    }

    private static List<int> Touched(List<ChangeLogEntry> entries, string entity) =>
        [.. entries.Where(e => e.Entity == entity).Select(e => e.EntityId).Distinct()];

    private async Task<MatchingSnapshot> BuildAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var sequence = await db.ChangeLog.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;
        var present = await db.ChangeLog.Where(c => c.Sequence > sequence - HoleWindow).Select(c => c.Sequence).ToListAsync(ct);
        _holes.Clear();
        for (var s = Math.Max(1, sequence - HoleWindow + 1); s < sequence; s++)
        {
            _holes.Add(s);
        }

        _holes.ExceptWith(present);
        var clients = CandidateIndex.Build(reference, (await db.Clients.AsNoTracking().ToListAsync(ct)).Select(c => c.ToProfile()));
        var needs = NeedIndex.Build(clients, (await db.Needs.AsNoTracking().Where(n => n.Status == NeedStatus.Open).ToListAsync(ct)).Select(n => n.ToProfile()));
        var snapshot = new MatchingSnapshot(sequence, clients, needs, await PlannerAsync(db, clients, ct));
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        LogBuilt(logger, clients.Count, needs.Count, sequence, elapsed.TotalMilliseconds);
        return snapshot;
    }

    private async Task<TrainingPlanner> PlannerAsync(SkillsMatchDbContext db, CandidateIndex clients, CancellationToken ct)
    {
        var courses = await db.Courses.AsNoTracking().ToListAsync(ct);
        return new TrainingPlanner(reference, clients.Travel, [.. courses.Select(c => c.ToOffer())]);
    }

    /// <summary>
    /// A read transaction, so the change log and the rows it names are read as of one moment. On
    /// SQLite a deferred one: an immediate one would take the write lock and make writers wait.
    /// </summary>
    private static async Task<(IDbContextTransaction Transaction, SqliteTransaction? Sqlite)> BeginReadAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            var sqlite = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
            return ((await db.Database.UseTransactionAsync(sqlite, ct))!, sqlite);
        }

        return (await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct), null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Matching snapshot built: {Profiles} profiles, {Needs} open needs as of change {Sequence} in {Milliseconds:F0} ms")]
    private static partial void LogBuilt(ILogger logger, int profiles, int needs, long sequence, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Matching snapshot advanced by {Changes} changes to {Sequence} in {Milliseconds:F1} ms")]
    private static partial void LogAdvanced(ILogger logger, int changes, long sequence, double milliseconds);
}
