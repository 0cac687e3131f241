using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Jobs;

/// <summary>Hangfire in-process with persistent storage beside the database; dashboard at <c>/jobs</c> for local requests only.</summary>
public static class JobsSetup
{
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        services.AddScoped<MatchingJobs>();
        services.AddScoped<Ranking.ImpressionRetention>();
        services.AddScoped<Matching.ChangeLogRetention>();
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var folder = Path.GetFullPath(storage.DataDirectory);
        Directory.CreateDirectory(folder);
        services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseSQLiteStorage(Path.Combine(folder, "hangfire.db")));
        if (jobs.Enabled)
        {
            services.AddHangfireServer(options => options.WorkerCount = 1);
        }
    }

    public static void MapJobs(this WebApplication app)
    {
        // The dashboard's default authorization admits local requests only, until accounts exist.
        app.UseHangfireDashboard("/jobs");
        var jobs = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<MatchingJobs>(MatchingJobs.Retrain, j => j.RetrainAsync(CancellationToken.None), jobs.RetrainCron);
        recurring.AddOrUpdate<MatchingJobs>(MatchingJobs.Rematch, j => j.RematchAsync(CancellationToken.None), jobs.RematchCron);
        recurring.AddOrUpdate<MatchingJobs>(MatchingJobs.Expire, j => j.ExpireAsync(CancellationToken.None), jobs.ExpireCron);
        recurring.AddOrUpdate<Ranking.ImpressionRetention>(Ranking.ImpressionRetention.Job, j => j.PurgeAsync(CancellationToken.None), jobs.PurgeImpressionsCron);
        recurring.AddOrUpdate<Matching.ChangeLogRetention>(Matching.ChangeLogRetention.Job, j => j.PurgeAsync(CancellationToken.None), jobs.PurgeChangeLogCron);

        // Without any promoted model yet (a fresh embedded default), train once right after start
        // instead of waiting for the nightly run; then refresh the shortlists with it.
        if (jobs.Enabled && app.Services.GetRequiredService<Ranking.RankerStore>().Registry.PromotedVersions().Count == 0)
        {
            var client = app.Services.GetRequiredService<IBackgroundJobClient>();
            var retrain = client.Enqueue<MatchingJobs>(j => j.RetrainAsync(CancellationToken.None));
            client.ContinueJobWith<MatchingJobs>(retrain, j => j.RematchAsync(CancellationToken.None));
        }
    }
}
