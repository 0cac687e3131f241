using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Ranking;
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
public sealed partial class CandidateIndexHost(ReferenceData reference, ILogger<CandidateIndexHost> logger) : IDisposable
{
    private readonly SemaphoreSlim _sync = new(1, 1);
    private CandidateIndex? _index;
    private DateTimeOffset _watermark = DateTimeOffset.MinValue;

    /// <summary>
    /// A matcher over an index that reflects every committed profile change, training-aware over
    /// the course catalogue as it is now.
    /// </summary>
    public async Task<Matcher> CurrentAsync(SkillsMatchDbContext db, CancellationToken ct, LightGbmRanker? model = null)
    {
        var index = await CurrentIndexAsync(db, ct);
        var courses = await db.Courses.AsNoTracking().ToListAsync(ct);
        return new Matcher(index, training: new TrainingPlanner(reference, index.Travel, [.. courses.Select(c => c.ToOffer())]), model: model);
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
                var changed = await db.Clients.AsNoTracking().Where(c => c.UpdatedAt >= _watermark).ToListAsync(ct);
                foreach (var client in changed)
                {
                    _index.Upsert(client.ToProfile());
                    _watermark = client.UpdatedAt > _watermark ? client.UpdatedAt : _watermark;
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
    public void Saved(Clients.Client client) => _index?.Upsert(client.ToProfile());

    public void Deleted(int clientId) => _index?.Remove(clientId);

    private async Task RebuildAsync(SkillsMatchDbContext db, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var clients = await db.Clients.AsNoTracking().ToListAsync(ct);
        var index = CandidateIndex.Build(reference, clients.Select(c => c.ToProfile()));
        _watermark = clients.Count == 0 ? DateTimeOffset.MinValue : clients.Max(c => c.UpdatedAt);
        _index = index;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        LogBuilt(logger, index.Count, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Candidate index built: {Profiles} profiles in {Milliseconds:F0} ms")]
    private static partial void LogBuilt(ILogger logger, int profiles, double milliseconds);
}
