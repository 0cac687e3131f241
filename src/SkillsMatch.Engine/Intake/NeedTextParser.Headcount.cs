using System.Globalization;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Intake;

public sealed partial class NeedTextParser
{
    /// <summary>"3 Erntehelfer", "zwei Mitarbeiter/innen", "eine Reinigungskraft": a count right before the people hired.</summary>
    private static void ReadHeadcount(Reading r)
    {
        var words = NeedTextRules.Word().Matches(r.Text).ToList();
        var occupation = r.Items.FirstOrDefault(i => i.Field == DraftField.Occupation)?.Span;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var end = w.Index + w.Length;
            var article = w.Value.ToLowerInvariant() is "ein" or "eine" or "einen" or "a" or "an";
            if (NeedTextRules.Number(w.Value) is not { } n || n is < 1 or > 1000 || (end < r.Text.Length && r.Text[end] is '.' or ',' or ':')
                || r.Items.Any(x => x.Span.Overlaps(new TextSpan(w.Index, w.Length)))
                || (i > 0 && words[i - 1].Value.ToLowerInvariant() is "klasse" or "kl" or "class" or "code" or "modul" or "nr" or "schlüsselzahl" or "paragraph"))
            {
                continue;
            }

            for (var k = i + 1; k < Math.Min(words.Count, i + 4); k++)
            {
                var next = words[k];
                var nextSpan = new TextSpan(next.Index, next.Length);
                if (NeedTextRules.IsUnit(next.Value) || NeedTextRules.MonthNumber(next.Value) is not null || r.Text[end..next.Index].Any(c => c is '\n' or ',' or ';' or '.'))
                {
                    break;
                }

                var jobWord = NeedTextRules.IsJobWord(next.Value) || (occupation is { } o && o.Overlaps(nextSpan));
                var noun = !article && char.IsUpper(next.Value[0]) && !s_stopWords.Contains(TextNormalizer.Normalize(next.Value))
                    && !r.Items.Any(x => x.Field != DraftField.Occupation && x.Field != DraftField.Title && x.Span.Overlaps(nextSpan));
                if (jobWord || noun)
                {
                    var span = new TextSpan(w.Index, next.Index + next.Length - w.Index);
                    r.Add(DraftField.Headcount, n.ToString(CultureInfo.InvariantCulture), $"{n}", span, article ? 0.7 : 0.9);
                    if (occupation is null && jobWord && !r.Items.Any(x => x.Field == DraftField.Title))
                    {
                        var titleStart = words[i + 1].Index;
                        var title = r.Text[titleStart..(next.Index + next.Length)];
                        r.Items.Add(new DraftItem(DraftField.Title, title, title, new TextSpan(titleStart, title.Length), 0.6));
                    }

                    return;
                }

                if (char.IsUpper(next.Value[0]) || article)
                {
                    // Only lower-case adjectives may stand between the count and the people ("zwei engagierte Helfer").
                    if (!(article && char.IsLower(next.Value[0])))
                    {
                        break;
                    }
                }
            }
        }
    }
}
