namespace SkillsMatch.Engine.Matching;

/// <summary>
/// An immutable snapshot of the open needs with postings skill → needs and ISCO group → needs,
/// so the needs a client might fit are looked up instead of scanned. A need is posted under its
/// must-have skills, their related skills and its nice-to-have skills; <see cref="With"/> gives a
/// new snapshot and leaves this one as it was.
/// </summary>
public sealed class NeedIndex
{
    private readonly Dictionary<int, (NeedProfile Profile, ResolvedNeed Resolved)> _needs;
    private readonly Dictionary<int, int[]> _bySkill;
    private readonly Dictionary<string, int[]> _byIscoGroup;
    private readonly int[] _everyClient;

    private NeedIndex(SkillGraph graph, Dictionary<int, (NeedProfile, ResolvedNeed)> needs)
    {
        _needs = needs;
        var bySkill = new Dictionary<int, List<int>>();
        var byGroup = new Dictionary<string, List<int>>();
        var everyClient = new List<int>();
        foreach (var (id, (_, need)) in needs)
        {
            // Without a known must-have skill a need is scored for every client (see Matcher.NeedsFor).
            if (need.MustSkills.Length == 0)
            {
                everyClient.Add(id);
                continue;
            }

            foreach (var skill in need.MustSkills)
            {
                Post(bySkill, skill, id);
                foreach (var neighbour in graph.Neighbours(skill))
                {
                    Post(bySkill, neighbour, id);
                }
            }

            foreach (var skill in need.NiceSkills)
            {
                Post(bySkill, skill, id);
            }

            if (need.IscoGroup is { } group)
            {
                Post(byGroup, group, id);
            }
        }

        _bySkill = bySkill.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray());
        _byIscoGroup = byGroup.ToDictionary(p => p.Key, p => p.Value.ToArray());
        _everyClient = [.. everyClient];
    }

    /// <summary>The open needs, resolved against the taxonomy and vocabulary of <paramref name="clients"/>.</summary>
    public static NeedIndex Build(CandidateIndex clients, IEnumerable<NeedProfile> needs) =>
        new(clients.Graph, needs.ToDictionary(n => n.Id, n => (n, ResolvedNeed.From(n, clients))));

    public int Count => _needs.Count;

    public IEnumerable<NeedProfile> Needs => _needs.Values.Select(n => n.Profile);

    public bool Contains(int needId) => _needs.ContainsKey(needId);

    /// <summary>A new snapshot with the needs removed and then the upserts applied, resolved against <paramref name="clients"/>.</summary>
    public NeedIndex With(CandidateIndex clients, IEnumerable<NeedProfile> upserts, IEnumerable<int> removals)
    {
        var needs = new Dictionary<int, (NeedProfile, ResolvedNeed)>(_needs);
        foreach (var id in removals)
        {
            needs.Remove(id);
        }

        foreach (var need in upserts)
        {
            needs[need.Id] = (need, ResolvedNeed.From(need, clients));
        }

        return new NeedIndex(clients.Graph, needs);
    }

    /// <summary>
    /// The needs the client in <paramref name="slot"/> shares anything with: a skill it holds (as
    /// a must-have, a related skill of one, or a nice-to-have), a must-have implied by an occupation
    /// it worked in, the ISCO group of such an occupation; and every need without known must-haves.
    /// </summary>
    internal IEnumerable<(NeedProfile Profile, ResolvedNeed Resolved)> SharingWith(CandidateIndex clients, int slot)
    {
        var ids = new HashSet<int>(_everyClient);
        foreach (var packed in clients.Skills[slot])
        {
            AddPosted(ids, packed >> CandidateIndex.LevelBits);
        }

        var occupations = clients.Reference.Taxonomy.Occupations;
        foreach (var packed in clients.Experience[slot])
        {
            var occupation = occupations[packed >> 8];
            foreach (var skill in occupation.EssentialSkills)
            {
                AddPosted(ids, skill);
            }

            if (_byIscoGroup.TryGetValue(occupation.IscoGroup, out var grouped))
            {
                ids.UnionWith(grouped);
            }
        }

        foreach (var id in ids)
        {
            yield return _needs[id];
        }
    }

    private void AddPosted(HashSet<int> ids, int skill)
    {
        if (_bySkill.TryGetValue(skill, out var posted))
        {
            ids.UnionWith(posted);
        }
    }

    private static void Post<TKey>(Dictionary<TKey, List<int>> postings, TKey key, int id)
        where TKey : notnull
    {
        if (!postings.TryGetValue(key, out var list))
        {
            postings[key] = list = [];
        }

        list.Add(id);
    }
}
