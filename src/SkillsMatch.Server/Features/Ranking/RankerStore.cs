using Microsoft.Extensions.Options;
using SkillsMatch.Engine.Ranking;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Ranking;

/// <summary>
/// The model registry under the data directory and the ranker every list uses. A model that
/// cannot be loaded is logged and replaced by the previous one or the heuristic; users never see an error.
/// </summary>
public sealed partial class RankerStore(IOptions<StorageOptions> storage, ILogger<RankerStore> logger)
{
    private readonly object _gate = new();
    private ActiveRanker? _active;

    public ModelRegistry Registry { get; } = new(Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "models"));

    public ActiveRanker Active
    {
        get
        {
            lock (_gate)
            {
                if (_active is null)
                {
                    _active = Registry.LoadActive();
                    if (_active.Problem is { } problem)
                    {
                        LogFallback(logger, _active.Name, problem);
                    }
                }

                return _active;
            }
        }
    }

    /// <summary>Forgets the loaded model, so the next use reads the registry again (after a promotion).</summary>
    public void Reload()
    {
        lock (_gate)
        {
            _active = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ranker falls back to {Ranker}: {Problem}")]
    private static partial void LogFallback(ILogger logger, string ranker, string problem);
}
