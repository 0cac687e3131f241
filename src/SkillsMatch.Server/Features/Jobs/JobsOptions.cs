namespace SkillsMatch.Server.Features.Jobs;

/// <summary>Scheduled work. Section <c>Jobs</c>; cron expressions in UTC.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run the Hangfire server in this process (the embedded default does).</summary>
    public bool Enabled { get; set; } = true;

    public string RetrainCron { get; set; } = "0 3 * * *";

    public string RematchCron { get; set; } = "*/30 * * * *";

    public string ExpireCron { get; set; } = "10 0 * * *";

    public string PurgeImpressionsCron { get; set; } = "20 0 * * *";

    /// <summary>How often the Hangfire server looks for due recurring and delayed jobs.</summary>
    public int SchedulePollingSeconds { get; set; } = 15;

    public string PurgeChangeLogCron { get; set; } = "30 0 * * *";

    /// <summary>The retention job erasing inactive clients (Privacy:RetentionMonths; not scheduled when that is 0).</summary>
    public string EraseInactiveClientsCron { get; set; } = "40 0 * * *";

    /// <summary>How many of the newest change-log entries the purge keeps; an instance further behind rebuilds its snapshot.</summary>
    public int ChangeLogKeep { get; set; } = 100_000;

    /// <summary>Shortlist length stored per open need.</summary>
    public int ShortlistSize { get; set; } = 50;
}
