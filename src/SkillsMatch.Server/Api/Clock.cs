namespace SkillsMatch.Server.Api;

public static class Clock
{
    /// <summary>Today's date in UTC, the day matching and training plans count from.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
