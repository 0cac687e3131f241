using System.Diagnostics;
using Microsoft.Extensions.Options;
using SkillsMatch.Engine.Reference;

namespace SkillsMatch.Server.Features.Reference;

/// <summary>
/// Builds the term-search index (<see cref="Engine.Intake.TermSearch.Prepare"/>, 2–5 s) on a thread-pool task
/// once the server has started, so the first <c>GET /api/terms</c> does not wait for it. It never delays
/// start-up (the build runs after <see cref="StartAsync"/> has returned) and never fails it: an error is
/// logged and the index is then built on first use as before. <c>ReferenceData:BuildTermIndexAtStartup=false</c>
/// switches it off (the HTTP tests do, so their many app instances do not each build a 42 MB index).
/// </summary>
internal sealed partial class TermIndexWarmup(ReferenceData reference, IOptions<ReferenceDataOptions> options, ILogger<TermIndexWarmup> logger) : IHostedService
{
    private Task? _build;

    /// <summary>The running or finished build; null before <see cref="StartAsync"/> or when switched off. For tests.</summary>
    internal Task? Build => _build;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BuildTermIndexAtStartup)
        {
            _build = Task.Run(Warm, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Warm()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var labels = reference.Terms.Prepare();
            var milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogBuilt(logger, labels, milliseconds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Term search index built in the background: {Labels} labels in {Milliseconds} ms")]
    private static partial void LogBuilt(ILogger logger, int labels, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Building the term search index in the background failed; it is built on first use instead")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
