using System.Globalization;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Server.Api;

/// <summary>User-facing texts are German by default and English on request (<c>?lang=en</c> or <c>Accept-Language: en</c>).</summary>
public static class Texts
{
    public static Language Current =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? Language.English : Language.German;

    public static string Pick(string german, string english) => Current == Language.English ? english : german;
}
