using System.Text.RegularExpressions;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Intake;

public sealed partial class NeedTextParser
{
    private void ReadPlace(Reading r)
    {
        foreach (Match m in NeedTextRules.Postcode().Matches(r.Text))
        {
            var matching = _reference.Regions.Municipalities.Where(x => x.Postcode == m.Value).ToList();
            if (matching.Count > 0 && !r.IsConsumed(m))
            {
                var best = matching.MaxBy(x => x.Population)!;
                var span = new TextSpan(m.Index, m.Length);
                if (NeedTextRules.PlaceName().Match(r.Text, m.Index + m.Length) is { Success: true } name && name.Index <= m.Index + m.Length + 1
                    && Resolve(name.Groups["place"].Value) is { } named)
                {
                    best = named.Municipality;
                    span = new TextSpan(m.Index, name.Index + name.Length - m.Index);
                }

                r.Add(DraftField.Municipality, best.Ags, best.Name, span, 0.95);
                return;
            }
        }

        foreach (Match m in NeedTextRules.PlaceAfterPreposition().Matches(r.Text))
        {
            var group = m.Groups["place"];
            if (r.IsConsumed(new TextSpan(group.Index, group.Length)))
            {
                continue;
            }

            var place = m.Groups["place"].Value;
            var resolved = Resolve(place);
            if (resolved is null && place.Contains(' ', StringComparison.Ordinal))
            {
                place = place.Split(' ')[0];
                resolved = Resolve(place);
            }

            if (resolved is { } hit)
            {
                r.Add(DraftField.Municipality, hit.Municipality.Ags, hit.Municipality.Name, new TextSpan(group.Index, place.Length), hit.Confidence);
                return;
            }

            r.PlaceGuesses.Add(new TextSpan(group.Index, group.Length));
            if (r.PlaceGuesses.Count >= MaxPlaceGuesses)
            {
                break;
            }
        }

        // No preposition ("…, Saulheim", "Seniorenheim Bad Kreuznach"): capitalised words that are exactly a
        // municipality's name — two words, or one of seven letters or more; shorter names are too often
        // ordinary words (Eich, Mandel).
        var words = NeedTextRules.Word().Matches(r.Text).Where(w => char.IsUpper(w.Value[0])).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (w.Index == 0 || r.IsConsumed(w))
            {
                continue;
            }

            var candidates = new List<TextSpan>();
            if (i + 1 < words.Count && words[i + 1].Index == w.Index + w.Length + 1 && r.Text[w.Index + w.Length] == ' ')
            {
                candidates.Add(new TextSpan(w.Index, words[i + 1].Index + words[i + 1].Length - w.Index));
            }

            if (w.Length >= 7)
            {
                candidates.Add(new TextSpan(w.Index, w.Length));
            }

            foreach (var span in candidates)
            {
                var folded = TextNormalizer.Normalize(r.Text.Substring(span.Start, span.Length));
                if (!r.IsConsumed(span) && _places.Where(p => p.Folded == folded).Select(p => p.Municipality).MaxBy(x => x.Population) is { } exact)
                {
                    r.Add(DraftField.Municipality, exact.Ags, exact.Name, span, 0.6);
                    return;
                }
            }
        }
    }

    /// <summary>A municipality by folded name: exact, then the start of a longer name ("Ingelheim"), then one or two typos.</summary>
    private (Municipality Municipality, double Confidence)? Resolve(string name)
    {
        var folded = TextNormalizer.Normalize(name);
        if (folded.Length < 3)
        {
            return null;
        }

        var exact = _places.Where(p => p.Folded == folded).Select(p => p.Municipality).MaxBy(m => m.Population);
        if (exact is not null)
        {
            return (exact, 0.95);
        }

        var prefix = _places.Where(p => p.Folded.StartsWith(folded + " ", StringComparison.Ordinal)).Select(p => p.Municipality).MaxBy(m => m.Population);
        if (prefix is not null)
        {
            return (prefix, 0.85);
        }

        var allowed = folded.Length >= 8 ? 2 : folded.Length >= 5 ? 1 : 0;
        if (allowed == 0)
        {
            return null;
        }

        var fuzzy = _places
            .Select(p => (p.Municipality, Distance: Math.Min(EditDistance(folded, p.Folded), EditDistance(folded, p.Folded.Split(' ')[0]))))
            .Where(p => p.Distance <= allowed)
            .OrderBy(p => p.Distance).ThenByDescending(p => p.Municipality.Population)
            .FirstOrDefault();
        return fuzzy.Municipality is null ? null : (fuzzy.Municipality, 0.6);
    }

    private IReadOnlyList<DraftSuggestion> PlaceSuggestions(string text)
    {
        var folded = TextNormalizer.Normalize(text);
        return [.. _places
            .Select(p => (p.Municipality, Distance: Math.Min(EditDistance(folded, p.Folded), EditDistance(folded, p.Folded.Split(' ')[0]))))
            .Where(p => p.Distance <= Math.Max(2, folded.Length / 2))
            .OrderBy(p => p.Distance).ThenByDescending(p => p.Municipality.Population)
            .Take(3)
            .Select(p => new DraftSuggestion("municipality", p.Municipality.Ags, p.Municipality.Name))];
    }

    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
