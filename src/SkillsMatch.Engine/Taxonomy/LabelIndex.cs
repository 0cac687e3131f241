namespace SkillsMatch.Engine.Taxonomy;

public enum LabelKind
{
    Preferred,
    Synonym,
    Alternative,
}

public enum MatchKind
{
    Exact,
    LabelPrefix,
    AllWords,
    WordPrefixes,
}

/// <summary>A search hit: the target's index, the label that matched and how well.</summary>
public readonly record struct LabelHit(int Target, string MatchedLabel, LabelKind LabelKind, MatchKind MatchKind, int Score);

/// <summary>
/// Ranked label search over many labels per target: exact label first, then labels that start
/// with the query, then labels holding every query word, then labels whose words start with the
/// query words. Text is folded by <see cref="TextNormalizer"/>, so case and ä/ae do not matter.
/// </summary>
public sealed class LabelIndex
{
    private readonly int[] _targets;
    private readonly string[] _labels;
    private readonly string[] _normalized;
    private readonly LabelKind[] _kinds;
    private readonly string[] _words;
    private readonly int[][] _postings;

    private LabelIndex(int[] targets, string[] labels, string[] normalized, LabelKind[] kinds, string[] words, int[][] postings)
    {
        _targets = targets;
        _labels = labels;
        _normalized = normalized;
        _kinds = kinds;
        _words = words;
        _postings = postings;
    }

    public static LabelIndex Build(IEnumerable<(int Target, string Label, LabelKind Kind)> labels)
    {
        var targets = new List<int>();
        var display = new List<string>();
        var normalized = new List<string>();
        var kinds = new List<LabelKind>();
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byWord = postings.GetAlternateLookup<ReadOnlySpan<char>>();
        var seen = new HashSet<(int, string)>();
        foreach (var (target, label, kind) in labels)
        {
            var folded = TextNormalizer.Normalize(label);
            if (folded.Length == 0 || !seen.Add((target, folded)))
            {
                continue;
            }

            var entry = targets.Count;
            targets.Add(target);
            display.Add(label);
            normalized.Add(folded);
            kinds.Add(kind);
            foreach (var range in folded.AsSpan().Split(' '))
            {
                var word = folded.AsSpan()[range];
                if (!byWord.TryGetValue(word, out var list))
                {
                    list = [];
                    byWord[word] = list;
                }

                // A word twice in one label is posted once.
                if (list.Count == 0 || list[^1] != entry)
                {
                    list.Add(entry);
                }
            }
        }

        var words = postings.Keys.ToArray();
        Array.Sort(words, StringComparer.Ordinal);
        var postingArrays = new int[words.Length][];
        for (var i = 0; i < words.Length; i++)
        {
            postingArrays[i] = [.. postings[words[i]]];
        }

        return new LabelIndex([.. targets], [.. display], [.. normalized], [.. kinds], words, postingArrays);
    }

    /// <summary>The best hit per target, best first; ties go to the shorter label, then alphabetical.</summary>
    public IReadOnlyList<LabelHit> Search(string query, int limit, Func<int, bool>? include = null)
    {
        var folded = TextNormalizer.Normalize(query);
        if (folded.Length == 0 || limit <= 0)
        {
            return [];
        }

        var tokens = folded.Split(' ');
        HashSet<int>? candidates = null;
        foreach (var token in tokens.OrderByDescending(t => t.Length))
        {
            var matching = EntriesWithWordPrefix(token);
            if (candidates is null)
            {
                candidates = matching;
            }
            else
            {
                candidates.IntersectWith(matching);
            }

            if (candidates.Count == 0)
            {
                return [];
            }
        }

        var best = new Dictionary<int, LabelHit>();
        foreach (var entry in candidates!)
        {
            var target = _targets[entry];
            if (include is not null && !include(target))
            {
                continue;
            }

            var hit = Score(entry, folded, tokens);
            if (!best.TryGetValue(target, out var current) || Better(hit, current))
            {
                best[target] = hit;
            }
        }

        return best.Values
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.MatchedLabel.Length)
            .ThenBy(h => h.MatchedLabel, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    private static bool Better(LabelHit candidate, LabelHit current) =>
        candidate.Score > current.Score
        || (candidate.Score == current.Score && candidate.MatchedLabel.Length < current.MatchedLabel.Length);

    private LabelHit Score(int entry, string folded, string[] tokens)
    {
        var label = _normalized[entry];
        MatchKind match;
        if (label == folded)
        {
            match = MatchKind.Exact;
        }
        else if (label.StartsWith(folded, StringComparison.Ordinal))
        {
            match = MatchKind.LabelPrefix;
        }
        else
        {
            var words = label.Split(' ');
            match = tokens.All(t => words.Contains(t, StringComparer.Ordinal)) ? MatchKind.AllWords : MatchKind.WordPrefixes;
        }

        var score = match switch
        {
            MatchKind.Exact => 1000,
            MatchKind.LabelPrefix => 800,
            MatchKind.AllWords => 600,
            _ => 400,
        } + _kinds[entry] switch
        {
            LabelKind.Preferred => 30,
            LabelKind.Synonym => 20,
            _ => 10,
        };

        return new LabelHit(_targets[entry], _labels[entry], _kinds[entry], match, score);
    }

    private HashSet<int> EntriesWithWordPrefix(string prefix)
    {
        var result = new HashSet<int>();
        var start = LowerBound(prefix);
        for (var i = start; i < _words.Length && _words[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            result.UnionWith(_postings[i]);
        }

        return result;
    }

    private int LowerBound(string value)
    {
        int lo = 0, hi = _words.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_words[mid], value) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
