using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsMatch.Engine.Ranking;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Ranking;

/// <summary>
/// The models in the database (<see cref="RankerModel"/>) and the ranker every list uses. Every
/// instance serves the newest promoted model: before a request, at most once per
/// <see cref="RankerOptions.ActiveModelCheckSeconds"/>, one cheap query asks which version is
/// newest, and only a change loads the model. A model that cannot be loaded is logged and replaced
/// by the previous one or the heuristic; users never see an error.
/// </summary>
public sealed partial class RankerStore(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RankerOptions> options, ILogger<RankerStore> logger)
{
    /// <summary>How many of the newest promoted models are tried before falling back to the heuristic.</summary>
    private const int Candidates = 5;

    private sealed record Snapshot(ActiveRanker Active, string? Newest, DateTimeOffset CheckedAt);

    private volatile Snapshot? _snapshot;
    private int _checking;

    /// <summary>The ranker in use, as last checked; the first use reads the database.</summary>
    public ActiveRanker Active
    {
        get
        {
            if (_snapshot is { } snapshot)
            {
                return snapshot.Active;
            }

            // Only reached before any request or job has refreshed it (a command-line verb): synchronous EF, not sync-over-async.
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            var rows = Promoted(db).Take(Candidates).ToList();
            return Publish(rows).Active;
        }
    }

    /// <summary>The ranker in use, after checking the database for a newly promoted model when the last check is older than the interval.</summary>
    public async Task<ActiveRanker> CurrentAsync(CancellationToken ct)
    {
        await RefreshIfDueAsync(ct);
        return Active;
    }

    public async Task RefreshIfDueAsync(CancellationToken ct)
    {
        var snapshot = _snapshot;
        var now = clock.GetUtcNow();
        if (snapshot is not null && now - snapshot.CheckedAt < TimeSpan.FromSeconds(options.Value.ActiveModelCheckSeconds))
        {
            return;
        }

        // One check at a time; requests arriving meanwhile use the model they have (no one waits on it).
        if (snapshot is not null && Interlocked.CompareExchange(ref _checking, 1, 0) != 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            var newest = await Promoted(db).Select(m => m.Version).FirstOrDefaultAsync(ct);
            if (snapshot is not null && newest == snapshot.Newest)
            {
                _snapshot = snapshot with { CheckedAt = now };
                return;
            }

            Publish(await Promoted(db).Take(Candidates).ToListAsync(ct));
        }
        finally
        {
            if (snapshot is not null)
            {
                Volatile.Write(ref _checking, 0);
            }
        }
    }

    /// <summary>Forgets the loaded model, so the next use reads the database again (after a promotion or a repair).</summary>
    public void Reload() => _snapshot = null;

    /// <summary>Every stored model's card, oldest first.</summary>
    public async Task<IReadOnlyList<ModelCard>> CardsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
        var cards = await db.RankerModels.AsNoTracking().OrderBy(m => m.Version).Select(m => m.Card).ToListAsync(ct);
        return [.. cards.Select(ModelRegistry.DeserializeCard).OfType<ModelCard>()];
    }

    public async Task<bool> AnyPromotedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
        return await db.RankerModels.AnyAsync(m => m.PromotedOrder != null, ct);
    }

    /// <summary>
    /// Stores model and card as one row in one insert, promoted (newest) when the card says so: no
    /// instance ever reads half a model. Two promotions at once cannot take the same order (unique index).
    /// </summary>
    public async Task SaveAsync(LightGbmRanker model, ModelCard card, CancellationToken ct)
    {
        using var bytes = new MemoryStream();
        model.Save(bytes);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.RankerModels.Add(new RankerModel
        {
            Version = card.Version,
            TrainedAt = card.TrainedAt,
            Card = ModelRegistry.SerializeCard(card),
            Model = bytes.ToArray(),
            PromotedOrder = card.Promoted ? await NextOrderAsync(db, ct) : null,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Reload();
    }

    /// <summary>Makes a stored model the newest promoted one (a rollback promotes an older version again).</summary>
    public async Task PromoteAsync(string version, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var next = await NextOrderAsync(db, ct);
        var updated = await db.RankerModels.Where(m => m.Version == version).ExecuteUpdateAsync(s => s.SetProperty(m => m.PromotedOrder, next), ct);
        if (updated == 0)
        {
            throw new InvalidOperationException($"No stored model {version}.");
        }

        await transaction.CommitAsync(ct);
        Reload();
    }

    private static async Task<long> NextOrderAsync(SkillsMatchDbContext db, CancellationToken ct) =>
        (await db.RankerModels.MaxAsync(m => m.PromotedOrder, ct) ?? 0) + 1;

    private static IQueryable<RankerModel> Promoted(SkillsMatchDbContext db) =>
        db.RankerModels.AsNoTracking().Where(m => m.PromotedOrder != null).OrderByDescending(m => m.PromotedOrder);

    private Snapshot Publish(List<RankerModel> newestFirst)
    {
        var active = ModelRegistry.Resolve(newestFirst.Select(m => new PromotedModel(
            m.Version, ModelRegistry.DeserializeCard(m.Card), () => LightGbmRanker.Load(new MemoryStream(m.Model, writable: false)))));
        if (active.Problem is { } problem)
        {
            LogFallback(logger, active.Name, problem);
        }

        var snapshot = new Snapshot(active, newestFirst.FirstOrDefault()?.Version, clock.GetUtcNow());
        _snapshot = snapshot;
        return snapshot;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ranker falls back to {Ranker}: {Problem}")]
    private static partial void LogFallback(ILogger logger, string ranker, string problem);
}

/// <summary>Checks for a model promoted by another instance even when no request arrives (jobs use the ranker too).</summary>
internal sealed partial class RankerRefresh(RankerStore store, TimeProvider clock, IOptions<RankerOptions> options, ILogger<RankerRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ActiveModelCheckSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await store.RefreshIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // A database that is briefly unreachable is checked again on the next tick.
                LogCheckFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking for a newly promoted model failed; trying again on the next tick")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
