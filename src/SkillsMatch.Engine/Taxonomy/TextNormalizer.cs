using System.Globalization;
using System.Text;

namespace SkillsMatch.Engine.Taxonomy;

/// <summary>
/// Folds text for search: lower case, German umlauts and ß spelled out (ä → ae), other
/// diacritics removed, anything that is not a letter or digit turned into a single space.
/// "Führerschein Klasse C/CE" and "fuehrerschein klasse c ce" fold to the same string.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 8);
        var pendingSpace = false;
        foreach (var raw in text.Normalize(NormalizationForm.FormC))
        {
            var c = char.ToLowerInvariant(raw);
            var folded = c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ => null,
            };
            if (folded is not null)
            {
                Append(builder, folded, ref pendingSpace);
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                Append(builder, StripDiacritics(c), ref pendingSpace);
            }
            else if (builder.Length > 0)
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    public static string[] Tokens(string? text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void Append(StringBuilder builder, string value, ref bool pendingSpace)
    {
        if (pendingSpace)
        {
            builder.Append(' ');
            pendingSpace = false;
        }

        builder.Append(value);
    }

    private static string StripDiacritics(char c)
    {
        if (c < 128)
        {
            return c.ToString();
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(part);
            }
        }

        return builder.ToString();
    }
}
