using System.Globalization;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Employer;

/// <summary>The words of the employer's pages for the API's codes, in plain language.</summary>
public static class EmployerTexts
{
    public static string Status(NeedStatus status) => status switch
    {
        NeedStatus.Draft => Texts.Pick("Entwurf", "Draft"),
        NeedStatus.Open => Texts.Pick("Offen", "Open"),
        NeedStatus.Filled => Texts.Pick("Besetzt", "Filled"),
        NeedStatus.Closed => Texts.Pick("Geschlossen", "Closed"),
        NeedStatus.Expired => Texts.Pick("Abgelaufen", "Expired"),
        _ => status.ToString(),
    };

    public static string Kind(NeedKind kind) => kind switch
    {
        NeedKind.Vacancy => Texts.Pick("Stelle jetzt besetzen", "Hiring now"),
        NeedKind.Forecast => Texts.Pick("Bedarf für später (Prognose)", "Need ahead (forecast)"),
        _ => kind.ToString(),
    };

    public static string Verdict(FeedbackVerdict verdict) => verdict switch
    {
        FeedbackVerdict.Interested => Texts.Pick("Interesse", "Interested"),
        FeedbackVerdict.NotSuitable => Texts.Pick("Passt nicht", "Not suitable"),
        _ => verdict.ToString(),
    };

    public static string Level(int level) => level switch
    {
        1 => Texts.Pick("Grundkenntnisse", "Basic"),
        2 => Texts.Pick("Gute Kenntnisse", "Good"),
        3 => Texts.Pick("Fortgeschritten", "Advanced"),
        4 => Texts.Pick("Expertin/Experte", "Expert"),
        _ => level.ToString(CultureInfo.InvariantCulture),
    };

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public static string Period(DateOnly start, DateOnly? end) =>
        end is { } e ? $"{Date(start)} – {Date(e)}" : Texts.Pick($"ab {Date(start)}", $"from {Date(start)}");

    public static readonly string[] CefrLevels = ["A1", "A2", "B1", "B2", "C1", "C2"];
}
