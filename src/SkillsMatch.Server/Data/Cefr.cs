namespace SkillsMatch.Server.Data;

/// <summary>Common European Framework of Reference language levels, stored as their ordinal (A1 = 1 … C2 = 6).</summary>
public enum CefrLevel
{
    A1 = 1,
    A2 = 2,
    B1 = 3,
    B2 = 4,
    C1 = 5,
    C2 = 6,
}

/// <summary>A language by ISO 639-1 code at a CEFR level; used for needs (required) and clients (spoken).</summary>
public sealed class LanguageLevel
{
    public required string Code { get; set; }
    public CefrLevel Level { get; set; }
}
