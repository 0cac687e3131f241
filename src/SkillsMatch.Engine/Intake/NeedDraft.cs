namespace SkillsMatch.Engine.Intake;

/// <summary>What a draft item fills.</summary>
public enum DraftField
{
    Kind,
    Title,
    Occupation,
    Headcount,
    PeriodStart,
    PeriodEnd,
    HoursPerWeek,
    ShiftWork,
    WeekendWork,
    Municipality,
    MustHaveSkill,
    NiceToHaveSkill,
    Certificate,
    Language,
}

/// <summary>A stretch of the employer's text: start offset and length in UTF-16 chars.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
}

/// <summary>
/// One thing read from the text: the field it fills, the value (id, code, date, number, "de:B2"),
/// a label to show, the span it came from and a confidence between 0 and 1. Certificates carry
/// <see cref="MustHave"/>; every other item leaves it null.
/// </summary>
public sealed record DraftItem(DraftField Field, string Value, string Label, TextSpan Span, double Confidence, bool? MustHave = null);

/// <summary>A suggestion for an unresolved phrase: a skill, certificate, language, occupation or place.</summary>
public sealed record DraftSuggestion(string Kind, string Id, string Label);

/// <summary>Words of the text that look meaningful but resolved to nothing, with the closest candidates.</summary>
public sealed record UnresolvedPhrase(string Text, TextSpan Span, IReadOnlyList<DraftSuggestion> Suggestions);

/// <summary>A required language and its CEFR level name (A1 … C2).</summary>
public sealed record DraftLanguage(string Code, string Level);

/// <summary>
/// A need as read from one sentence: every field the text supports, null or empty where it says
/// nothing. Only <see cref="Kind"/> has a default (vacancy); nothing is stored.
/// </summary>
public sealed record NeedDraft(
    string Kind,
    string? Title,
    string? OccupationId,
    int? Headcount,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    int? HoursPerWeek,
    bool? ShiftWork,
    bool? WeekendWork,
    string? MunicipalityAgs,
    IReadOnlyList<string> MustHave,
    IReadOnlyList<string> NiceToHave,
    IReadOnlyList<string> MustCertificates,
    IReadOnlyList<string> NiceCertificates,
    IReadOnlyList<DraftLanguage> Languages,
    IReadOnlyList<DraftItem> Items,
    IReadOnlyList<UnresolvedPhrase> Unresolved);
