namespace SkillsMatch.Server.Features.Ranking;

/// <summary>The ranker's training data. Section <c>Ranker</c>; validated at start.</summary>
public sealed class RankerOptions
{
    public const string Section = "Ranker";

    /// <summary>Impressions older than this many days are deleted by the <c>purge-impressions</c> job.</summary>
    public int ImpressionRetentionDays { get; set; } = 730;

    /// <summary>Per shown list, how many retrieved clients beyond the shown depth join the training examples as label 0.</summary>
    public int UnshownSamplePerList { get; set; } = 5;

    /// <summary>How often, at most, an instance asks the database whether another instance promoted a model (1–60 s).</summary>
    public int ActiveModelCheckSeconds { get; set; } = 30;
}
