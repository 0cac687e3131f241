using Hangfire;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Jobs;

/// <summary>Hangfire in-process with persistent storage beside the database; dashboard at <c>/jobs</c> for local requests only.</summary>
public static class JobsSetup
{
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section)
            .Validate(o => o.SchedulePollingSeconds >= 1, "Jobs:SchedulePollingSeconds at least 1.")
            .ValidateOnStart();
        services.AddScoped<MatchingJobs>();
        services.AddScoped<Ranking.ImpressionRetention>();
        services.AddScoped<Matching.ChangeLogRetention>();
        services.AddScoped<Privacy.ClientRetention>();
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddHangfire((sp, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseConfiguredJobStorage(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        if (jobs.Enabled)
        {
            // With several instances on one PostgreSQL every instance runs a server; Hangfire's locks
            // in the shared storage let only one of them enqueue each occurrence of a recurring job.
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = 1;
                options.SchedulePollingInterval = TimeSpan.FromSeconds(jobs.SchedulePollingSeconds);
            });
            services.AddHostedService<FirstTraining>();
        }
    }

    public static void MapJobs(this WebApplication app)
    {
        // Admins only, wherever the request comes from (behind a proxy every request is "local");
        // its forms carry ASP.NET Core's antiforgery token, so a foreign page cannot trigger a job.
        app.MapHangfireDashboard("/jobs", new DashboardOptions { Authorization = [new AdminsOnly()], AppPath = "/" })
            .RequireAuthorization(Accounts.Policies.Admin);
        var jobs = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<MatchingJobs>(MatchingJobs.Retrain, j => j.RetrainAsync(CancellationToken.None), jobs.RetrainCron);
        recurring.AddOrUpdate<MatchingJobs>(MatchingJobs.Rematch, j => j.RematchAsync(CancellationToken.None), jobs.RematchCron);
        recurring.AddOrUpdate<MatchingJobs>(MatchingJobs.Expire, j => j.ExpireAsync(CancellationToken.None), jobs.ExpireCron);
        recurring.AddOrUpdate<Ranking.ImpressionRetention>(Ranking.ImpressionRetention.Job, j => j.PurgeAsync(CancellationToken.None), jobs.PurgeImpressionsCron);
        recurring.AddOrUpdate<Matching.ChangeLogRetention>(Matching.ChangeLogRetention.Job, j => j.PurgeAsync(CancellationToken.None), jobs.PurgeChangeLogCron);

        // No client id ever goes into a job's arguments: the retention job finds its clients itself.
        if (app.Services.GetRequiredService<IOptions<Privacy.PrivacyOptions>>().Value.RetentionEnabled)
        {
            recurring.AddOrUpdate<Privacy.ClientRetention>(Privacy.ClientRetention.Job, j => j.EraseInactiveAsync(CancellationToken.None), jobs.EraseInactiveClientsCron);
        }
        else
        {
            recurring.RemoveIfExists(Privacy.ClientRetention.Job);
        }
    }
}

/// <summary>
/// Without any promoted model yet (a fresh embedded default), trains once right after start instead
/// of waiting for the nightly run, then refreshes the shortlists with it. Runs after the database is
/// migrated. Instances starting on one database enqueue this once: under a lock in the job storage,
/// the first one records its job, and the others find it there.
/// </summary>
internal sealed class FirstTraining(Ranking.RankerStore store, IBackgroundJobClient client, JobStorage storage, Data.StartupGate gate) : IHostedService
{
    private const string Key = "skillsmatch:first-training";

    private Task? _deferred;

    /// <summary>At once when the data are there; while the samples are still being seeded, once they are (the start does not wait).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (gate.IsReady)
        {
            return EnqueueOnceAsync(cancellationToken);
        }

        _deferred = gate.Ready.ContinueWith(t => t.IsCompletedSuccessfully ? EnqueueOnceAsync(CancellationToken.None) : Task.CompletedTask, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        return Task.CompletedTask;
    }

    private async Task EnqueueOnceAsync(CancellationToken cancellationToken)
    {
        if (await store.AnyPromotedAsync(cancellationToken))
        {
            return;
        }

        using var connection = storage.GetConnection();
        using var distributedLock = connection.AcquireDistributedLock(Key, TimeSpan.FromSeconds(30));
        if (connection.GetAllEntriesFromHash(Key)?.GetValueOrDefault("job") is { } earlier && connection.GetJobData(earlier) is not null)
        {
            return;
        }

        var retrain = client.Enqueue<MatchingJobs>(j => j.RetrainAsync(CancellationToken.None));
        client.ContinueJobWith<MatchingJobs>(retrain, j => j.RematchAsync(CancellationToken.None));
        connection.SetRangeInHash(Key, [new KeyValuePair<string, string>("job", retrain)]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _deferred is null ? Task.CompletedTask : _deferred.WaitAsync(cancellationToken);
}

/// <summary>The dashboard's own check, behind the endpoint's admin policy: the signed-in user is an admin.</summary>
internal sealed class AdminsOnly : Hangfire.Dashboard.IDashboardAuthorizationFilter
{
    public bool Authorize(Hangfire.Dashboard.DashboardContext context) =>
        Hangfire.Dashboard.AspNetCoreDashboardContextExtensions.GetHttpContext(context).User.IsInRole(Accounts.Roles.Admin);
}
