using System.ComponentModel.DataAnnotations;

namespace SkillsMatch.Server.Features.Privacy;

/// <summary>How long client profiles are kept. Section <c>Privacy</c>; see docs/privacy.md.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Clients whose profile has not changed for this many months and who have no outcome dated
    /// within them are erased by the <c>erase-inactive-clients</c> job. 0 (or no setting) turns the
    /// retention off; the shipped appsettings.json sets 24.
    /// </summary>
    [Range(0, 1200)]
    public int RetentionMonths { get; set; }

    /// <summary>How many clients one erasure transaction of the retention job takes at most.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    public bool RetentionEnabled => RetentionMonths > 0;
}
