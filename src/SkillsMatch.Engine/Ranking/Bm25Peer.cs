using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Ranking;

/// <summary>
/// Textbook Okapi BM25 over skill ids, the peer the matcher is measured against: a profile is a
/// document whose terms are its skills (each once, so tf = 1), a query is a set of skills.
/// Idf is Lucene's, log(1 + (N − n + 0.5) / (n + 0.5)); k1 = 1.2, b = 0.75; ties go to the lower
/// client id. It sees skills only: no levels, no related skills, no constraints. One search at a
/// time per instance (the scratch arrays are reused).
/// </summary>
public sealed class Bm25Peer
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    private readonly SkillTaxonomy _taxonomy;
    private readonly int[] _clientIds;
    private readonly double[] _lengthNorm;
    private readonly int[][] _postings;
    private readonly double[] _scores;
    private readonly int[] _stamps;
    private readonly int[] _touched;
    private int _generation;

    /// <param name="lengthAsStored">
    /// The document length the formula sees for a true length; the true length when null. A test
    /// passes Lucene's one-byte norm encoding here to show the two differ in nothing else.
    /// </param>
    public Bm25Peer(SkillTaxonomy taxonomy, IReadOnlyList<ClientProfile> profiles, Func<int, double>? lengthAsStored = null)
    {
        _taxonomy = taxonomy;
        var documents = profiles.Count;
        _clientIds = new int[documents];
        var lengths = new int[documents];
        var postings = new List<int>?[taxonomy.Skills.Count];
        long totalLength = 0;
        for (var d = 0; d < documents; d++)
        {
            _clientIds[d] = profiles[d].Id;
            foreach (var skill in profiles[d].Skills.Select(s => taxonomy.FindSkill(s.SkillId)?.Index ?? -1).Where(s => s >= 0).Distinct())
            {
                (postings[skill] ??= []).Add(d);
                lengths[d]++;
            }

            totalLength += lengths[d];
        }

        _postings = [.. postings.Select(p => p is null ? [] : p.ToArray())];
        var averageLength = documents == 0 ? 1 : Math.Max(1, totalLength / (double)documents);
        // The length part of the denominator depends on the document only: computed once.
        _lengthNorm = [.. lengths.Select(length => K1 * (1 - B + (B * (lengthAsStored?.Invoke(length) ?? length) / averageLength)))];
        _scores = new double[documents];
        _stamps = new int[documents];
        _touched = new int[documents];
    }

    public int Count => _clientIds.Length;

    /// <summary>The best <paramref name="top"/> documents for the skills (taxonomy ids; unknown ones are ignored), best first.</summary>
    public IReadOnlyList<(int ClientId, double Score)> Search(IEnumerable<string> skillIds, int top) =>
        Search(skillIds.Select(id => (id, 1.0)), top);

    /// <summary>
    /// The best <paramref name="top"/> documents for skills with a query boost each (Lucene's
    /// term-query boost: the term's score times the boost; the first boost of a repeated skill counts).
    /// </summary>
    public IReadOnlyList<(int ClientId, double Score)> Search(IEnumerable<(string SkillId, double Boost)> terms, int top)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }

        var touched = 0;
        foreach (var (skill, boost) in terms.Select(t => (Index: _taxonomy.FindSkill(t.SkillId)?.Index ?? -1, t.Boost)).Where(t => t.Index >= 0).DistinctBy(t => t.Index))
        {
            var postings = _postings[skill];
            var weight = boost * Idf(skill) * (K1 + 1);
            foreach (var d in postings)
            {
                if (_stamps[d] != _generation)
                {
                    _stamps[d] = _generation;
                    _scores[d] = 0;
                    _touched[touched++] = d;
                }

                // tf = 1: idf · (k1 + 1) / (1 + k1 · (1 − b + b · |d| / avgdl)).
                _scores[d] += weight / (1 + _lengthNorm[d]);
            }
        }

        // A min-heap of the best so far; its root is the weakest (lowest score, then highest client id).
        var heap = new PriorityQueue<int, (double Score, int ClientId)>(top + 1, Weakest.Instance);
        foreach (var d in _touched.AsSpan(0, touched))
        {
            var key = (_scores[d], _clientIds[d]);
            if (heap.Count < top)
            {
                heap.Enqueue(d, key);
            }
            else if (heap.TryPeek(out _, out var weakest) && Weakest.Instance.Compare(key, weakest) > 0)
            {
                heap.DequeueEnqueue(d, key);
            }
        }

        var result = new (int ClientId, double Score)[heap.Count];
        for (var i = result.Length - 1; heap.TryDequeue(out var d, out _); i--)
        {
            result[i] = (_clientIds[d], _scores[d]);
        }

        return result;
    }

    /// <summary>Lucene's BM25 idf of a skill (taxonomy id), 0 for an unknown one.</summary>
    public double Idf(string skillId) => _taxonomy.FindSkill(skillId) is { } skill ? Idf(skill.Index) : 0;

    private double Idf(int skill) =>
        Math.Log(1 + ((_clientIds.Length - _postings[skill].Length + 0.5) / (_postings[skill].Length + 0.5)));

    /// <summary>Orders weaker first: a lower score, or the same score and a higher client id.</summary>
    private sealed class Weakest : IComparer<(double Score, int ClientId)>
    {
        public static readonly Weakest Instance = new();

        public int Compare((double Score, int ClientId) x, (double Score, int ClientId) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.ClientId.CompareTo(x.ClientId);
    }
}
