using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Training;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Matching;

/// <summary>
/// Owns the process's <see cref="CandidateIndex"/>: built from the database on first use, changed
/// in place when this instance saves a profile, and brought up to date before every match from
/// rows changed elsewhere (another instance, an import) by their <c>UpdatedAt</c>. A row count
/// that disagrees afterwards means deletions elsewhere: then the index is rebuilt.
/// </summary>
public sealed partial class CandidateIndexHost(ReferenceData reference, Microsoft.Extensions.Options.IOptions<MatchingOptions> options, Ranking.RankerStore rankers, ILogger<CandidateIndexHost> logger) : IDisposable
{
    private readonly SemaphoreSlim _sync = new(1, 1);
    private CandidateIndex? _index;
    private DateTimeOffset _watermark = DateTimeOffset.MinValue;
    private readonly Dictionary<int, long> _versions = [];
    private (int Count, DateTimeOffset Latest) _catalogueState;
    private TrainingPlanner? _planner;

    /// <summary>
    /// A matcher over an index that reflects every committed profile change, training-aware over
    /// the course catalogue as it is now, ranking with the active ranker — the one ranking every list uses.
    /// </summary>
    public async Task<Matcher> CurrentAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        var index = await CurrentIndexAsync(db, ct);
        return new Matcher(index, options.Value, await PlannerAsync(db, index, ct), rankers.Active.Ranker);
    }

    private async Task<CandidateIndex> CurrentIndexAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        await _sync.WaitAsync(ct);
        try
        {
            if (_index is null)
            {
                await RebuildAsync(db, ct);
            }
            else
            {
                // Rows at or after the newest change seen; of those, only versions not applied yet are loaded.
                var recent = await db.Clients.AsNoTracking().Where(c => c.UpdatedAt >= _watermark)
                    .Select(c => new { c.Id, c.Version, c.UpdatedAt }).ToListAsync(ct);
                var stale = recent.Where(r => !_versions.TryGetValue(r.Id, out var v) || v != r.Version).Select(r => r.Id).ToList();
                if (stale.Count > 0)
                {
                    foreach (var client in await db.Clients.AsNoTracking().Where(c => stale.Contains(c.Id)).ToListAsync(ct))
                    {
                        Apply(client);
                    }
                }

                if (await db.Clients.CountAsync(ct) != _index.Count)
                {
                    await RebuildAsync(db, ct);
                }
            }

            return _index!;
        }
        finally
        {
            _sync.Release();
        }
    }

    public void Dispose() => _sync.Dispose();

    /// <summary>Applies a profile saved by this instance at once.</summary>
    public void Saved(Clients.Client client)
    {
        if (_index is null)
        {
            return;
        }

        _sync.Wait();
        try
        {
            Apply(client);
        }
        finally
        {
            _sync.Release();
        }
    }

    public void Deleted(int clientId)
    {
        if (_index is null)
        {
            return;
        }

        _sync.Wait();
        try
        {
            _index.Remove(clientId);
            _versions.Remove(clientId);
        }
        finally
        {
            _sync.Release();
        }
    }

    private void Apply(Clients.Client client)
    {
        _index!.Upsert(client.ToProfile());
        _versions[client.Id] = client.Version;
        _watermark = client.UpdatedAt > _watermark ? client.UpdatedAt : _watermark;
    }

    /// <summary>The training planner over the course catalogue, rebuilt only when a course was added, changed or removed.</summary>
    private async Task<TrainingPlanner> PlannerAsync(SkillsMatchDbContext db, CandidateIndex index, CancellationToken ct)
    {
        var count = await db.Courses.CountAsync(ct);
        var latest = count == 0 ? DateTimeOffset.MinValue : await db.Courses.MaxAsync(c => c.UpdatedAt, ct);
        await _sync.WaitAsync(ct);
        try
        {
            if (_planner is null || _catalogueState != (count, latest))
            {
                var courses = await db.Courses.AsNoTracking().ToListAsync(ct);
                _planner = new TrainingPlanner(reference, index.Travel, [.. courses.Select(c => c.ToOffer())]);
                _catalogueState = (count, latest);
            }

            return _planner;
        }
        finally
        {
            _sync.Release();
        }
    }

    private async Task RebuildAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var clients = await db.Clients.AsNoTracking().ToListAsync(ct);
        var index = CandidateIndex.Build(reference, clients.Select(c => c.ToProfile()));
        _watermark = clients.Count == 0 ? DateTimeOffset.MinValue : clients.Max(c => c.UpdatedAt);
        _versions.Clear();
        foreach (var client in clients)
        {
            _versions[client.Id] = client.Version;
        }

        _index = index;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        LogBuilt(logger, index.Count, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Candidate index built: {Profiles} profiles in {Milliseconds:F0} ms")]
    private static partial void LogBuilt(ILogger logger, int profiles, double milliseconds);
}
