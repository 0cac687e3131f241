namespace SkillsMatch.Engine.Intake;

// How a query word becomes index terms: joined words, exact stem, English word, compound head or prefix, typo.
internal sealed partial class TermIndex
{
    /// <summary>Two words that labels write as one ("Call Center" → "Callcenter") become that word.</summary>
    private AnalyzedWord[] JoinSplitCompounds(AnalyzedWord[] words)
    {
        var joined = new List<AnalyzedWord>(words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            if (i + 1 < words.Length && _wordStems.TryGetValue(words[i].Word + words[i + 1].Word, out var stem))
            {
                joined.Add(new AnalyzedWord(words[i].Word + words[i + 1].Word, stem, []));
                i++;
            }
            else
            {
                joined.Add(words[i]);
            }
        }

        return [.. joined];
    }

    private List<Alternative> Alternatives(AnalyzedWord word)
    {
        var alternatives = new List<Alternative>();
        if (_postings.ContainsKey(word.Stem))
        {
            alternatives.Add(new Alternative(word.Stem, 1.0));
        }

        var english = EnglishTerm(word.Word);
        if (_postings.ContainsKey(english))
        {
            alternatives.Add(new Alternative(english, 1.0));
        }

        // An adjective names what its noun names: "landwirtschaftliche" ~ "Landwirtschaft".
        if (word.Stem.Length > 8 && word.Stem.EndsWith("lich", StringComparison.Ordinal) && _postings.ContainsKey(word.Stem[..^4]))
        {
            alternatives.Add(new Alternative(word.Stem[..^4], 0.9));
        }

        if (alternatives.Count == 0)
        {
            alternatives.AddRange(Unknown(word));
        }

        // A long stem that begins label compounds: "Lichtbogenschweißen" in "Lichtbogenschweißverfahren".
        if (word.Stem.Length >= 6)
        {
            var i = Array.BinarySearch(_terms, word.Stem, StringComparer.Ordinal);
            for (i = i < 0 ? ~i : i + 1; i < _terms.Length && _terms[i].StartsWith(word.Stem, StringComparison.Ordinal); i++)
            {
                if (_terms[i].Length >= word.Stem.Length + 4)
                {
                    alternatives.Add(new Alternative(_terms[i], 0.8));
                }
            }
        }

        return alternatives;
    }

    /// <summary>
    /// Terms for a word no label holds: the head of label compounds ending in it ("Stapler" in
    /// "Gabelstapler"), else the nearest terms by edit distance (a typo).
    /// </summary>
    private List<Alternative> Unknown(AnalyzedWord word)
    {
        var heads = new List<Alternative>();
        if (word.Stem.Length >= 4)
        {
            // Terms ending in the stem are the reversed terms starting with the reversed stem.
            var reversed = Reverse(word.Stem);
            var i = Array.BinarySearch(_reversedTerms, reversed, StringComparer.Ordinal);
            for (i = i < 0 ? ~i : i; i < _reversedTerms.Length && _reversedTerms[i].StartsWith(reversed, StringComparison.Ordinal); i++)
            {
                var term = Reverse(_reversedTerms[i]);
                if (term.Length >= word.Stem.Length + 3
                    && (word.Stem.Length >= 5 || GermanWordAnalyzer.IsModifier(term[..^word.Stem.Length], _dictionary)))
                {
                    heads.Add(new Alternative(term, 0.85));
                }
            }
        }

        if (heads.Count > 0)
        {
            return [.. heads.OrderBy(h => _idf[h.Term]).Take(MaxFuzzyTerms)];
        }

        var typo = Fuzzy(word);
        return typo.Count > 0 ? typo : KnownHead(word);
    }

    /// <summary>The longest known word a compound ends in, when its first part is unknown ("Elektrodenschweißen").</summary>
    private List<Alternative> KnownHead(AnalyzedWord word)
    {
        for (var start = 3; start <= word.Word.Length - 4; start++)
        {
            if (_wordStems.TryGetValue(word.Word[start..], out var stem) && _postings.ContainsKey(stem) && !GermanWordAnalyzer.IsGenericHead(stem))
            {
                return [new Alternative(stem, 0.7)];
            }
        }

        return [];
    }

    /// <summary>Known terms nearest to an unknown word: edit distance 1 from 5 letters, 2 from 9 (a swap counts once).</summary>
    private List<Alternative> Fuzzy(AnalyzedWord word)
    {
        if (word.Word.Length < 5)
        {
            return [];
        }

        // Typos are measured on what was typed against the words of the labels, not on stems.
        var max = word.Word.Length >= 9 ? 2 : 1;
        var typed = word.Word;
        var found = new List<(string Term, int Distance)>();
        var rows = new int[3 * (typed.Length + max + 2)];
        for (var length = Math.Max(1, typed.Length - max); length <= Math.Min(_wordsByLength.Length - 1, typed.Length + max); length++)
        {
            foreach (var candidate in _wordsByLength[length] ?? [])
            {
                var distance = Distance(typed, candidate, max, rows);
                if (distance <= max && _postings.ContainsKey(_wordStems[candidate]))
                {
                    found.Add((_wordStems[candidate], distance));
                }
            }
        }

        if (found.Count == 0)
        {
            return [];
        }

        var nearest = found.Min(f => f.Distance);
        return [.. found.Where(f => f.Distance == nearest).DistinctBy(f => f.Term)
            .OrderBy(f => _idf[f.Term])
            .Take(MaxFuzzyTerms)
            .Select(f => new Alternative(f.Term, nearest == 1 ? 0.8 : 0.7))];
    }

    /// <summary>Optimal string alignment distance, or <paramref name="max"/> + 1 once it must exceed it.</summary>
    private static int Distance(string a, string b, int max, int[] rows)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var width = b.Length + 1;
        var before = rows.AsSpan(0, width);
        var previous = rows.AsSpan(width, width);
        var current = rows.AsSpan(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }
}
