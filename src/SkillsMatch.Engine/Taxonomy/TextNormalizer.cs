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
    // The folded form of every non-ASCII char, filled on first use; races only write equal values.
    private static readonly string?[] s_folds = new string?[char.MaxValue + 1];

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var capacity = (text.Length * 2) + 4;
        Span<char> buffer = capacity <= 512 ? stackalloc char[512] : new char[capacity];
        var length = 0;
        var pendingSpace = false;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    if (pendingSpace)
                    {
                        buffer[length++] = ' ';
                        pendingSpace = false;
                    }

                    buffer[length++] = c;
                }
                else
                {
                    pendingSpace = length > 0;
                }

                continue;
            }

            var folded = s_folds[c] ??= Fold(c);
            if (folded.Length == 0)
            {
                // A combining accent belongs to the letter before it; anything else separates words.
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    pendingSpace = length > 0;
                }

                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            folded.AsSpan().CopyTo(buffer[length..]);
            length += folded.Length;
        }

        return new string(buffer[..length]);
    }

    private static string Fold(char c)
    {
        switch (c)
        {
            case 'ä':
                return "ae";
            case 'ö':
                return "oe";
            case 'ü':
                return "ue";
            case 'ß':
                return "ss";
        }

        if (!char.IsLetterOrDigit(c))
        {
            return string.Empty;
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(part));
            }
        }

        return builder.ToString();
    }
}
