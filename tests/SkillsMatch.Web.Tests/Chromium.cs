using Microsoft.Playwright;

namespace SkillsMatch.Web.Tests;

/// <summary>
/// Debian's chromium (apt-get install chromium; .ci/run installs it). Playwright cannot download its own
/// browsers here, so it is pointed at this executable. SKILLSMATCH_CHROMIUM names another one.
/// </summary>
public static class Chromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("SKILLSMATCH_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Whether the browser is there. Without it the browser tests are skipped, except in CI, where they must run.</summary>
    public static bool Available => File.Exists(ExecutablePath);

    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The flags this machine's closed network needs (no background connections, no sync, no GPU), headless.</summary>
    public static BrowserTypeLaunchOptions LaunchOptions() => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        ],
    };
}

/// <summary>A test in the browser: skipped where chromium is missing, unless CI is set (then it fails for want of the browser).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.Available && !Chromium.Required)
        {
            Skip = $"No chromium at {Chromium.ExecutablePath} (apt-get install chromium, or set SKILLSMATCH_CHROMIUM).";
        }
    }
}
