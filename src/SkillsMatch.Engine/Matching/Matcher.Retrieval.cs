namespace SkillsMatch.Engine.Matching;

/// <summary>Retrieval: weighted accumulation over postings, heaviest terms first, with safe pruning.</summary>
public sealed partial class Matcher
{
    /// <summary>
    /// Accumulates weighted overlap over the postings of the need's skills, their neighbours and
    /// its occupation, rarest (heaviest) first. Once <paramref name="depth"/> eligible slots
    /// score more than every remaining term together could give a slot not yet reached, no new
    /// slot can enter the rescored set: the remaining terms then only add to slots already
    /// reached, looked up per slot when that is cheaper than walking a long posting list.
    /// </summary>
    private void Retrieve(ResolvedNeed need, int depth, int todayDay, Workspace workspace)
    {
        var terms = workspace.Terms;
        terms.Clear();
        var graph = index.Graph;
        for (var i = 0; i < need.MustSkills.Length; i++)
        {
            AddSkillTerms(terms, need.MustSkills[i], need.MustLevels[i], _options.MustHaveWeight, graph);
        }

        for (var i = 0; i < need.NiceSkills.Length; i++)
        {
            AddSkillTerms(terms, need.NiceSkills[i], need.NiceLevels[i], 1f, graph);
        }

        if (need.Occupation >= 0 && index.OccupationPostings[need.Occupation] is { Count: > 0 } experienced)
        {
            terms.Add(new Term(experienced, _options.OccupationWeight, 0, -1, need.Occupation));
        }

        terms.Sort(static (a, b) => b.Weight.CompareTo(a.Weight));
        var remaining = 0f;
        foreach (var term in terms)
        {
            remaining += term.Weight;
        }

        var pruned = false;
        foreach (var term in terms)
        {
            if (!pruned && term.Postings.Count >= _options.PruneCheckPostings && workspace.TouchedCount >= depth)
            {
                pruned = EnoughAbove(remaining, depth, need, todayDay, workspace);
            }

            if (!pruned)
            {
                Accumulate(term, workspace);
            }
            else if (workspace.TouchedCount * 8 < term.Postings.Count)
            {
                AddToReachedByLookup(term, workspace);
            }
            else
            {
                AddToReachedByScan(term, workspace);
            }

            remaining -= term.Weight;
        }
    }

    private void AddSkillTerms(List<Term> terms, int skill, int minLevel, float weight, SkillGraph graph)
    {
        // The rarer the skill, the more holding it says: inverse document frequency.
        var postings = index.SkillPostings[skill];
        var idf = Rarity(skill);
        if (postings is { Count: > 0 })
        {
            terms.Add(new Term(postings, weight * idf, minLevel, skill, -1));
        }

        foreach (var neighbour in graph.Neighbours(skill))
        {
            if (index.SkillPostings[neighbour] is { Count: > 0 } related)
            {
                terms.Add(new Term(related, weight * idf * _options.RelatedCredit, 0, neighbour, -1));
            }
        }
    }

    /// <summary>True when at least <paramref name="depth"/> eligible slots already score above <paramref name="bound"/>.</summary>
    private bool EnoughAbove(float bound, int depth, ResolvedNeed need, int todayDay, Workspace workspace)
    {
        var accumulators = workspace.Accumulators;
        var found = 0;
        foreach (var slot in workspace.Touched.AsSpan(0, workspace.TouchedCount))
        {
            if (accumulators[slot].Score > bound && Eligible(slot, need, todayDay, out _) && MeetsTrainableRequirements(slot, need) && ++found >= depth)
            {
                return true;
            }
        }

        return false;
    }

    private void Accumulate(in Term term, Workspace workspace)
    {
        var slots = term.Postings.Slots;
        var values = term.Postings.Values;
        var accumulators = workspace.Accumulators;
        var touched = workspace.Touched;
        var touchedCount = workspace.TouchedCount;
        var generation = workspace.Generation;
        var weight = term.Weight;
        var below = weight * _options.BelowLevelCredit;
        var minLevel = term.MinLevel;
        for (var i = 0; i < slots.Length; i++)
        {
            // Score and stamp side by side: one cache line per posting.
            ref var accumulator = ref accumulators[slots[i]];
            if (accumulator.Stamp != generation)
            {
                accumulator.Stamp = generation;
                accumulator.Score = 0;
                touched[touchedCount++] = slots[i];
            }

            accumulator.Score += values[i] >= minLevel ? weight : below;
        }

        workspace.TouchedCount = touchedCount;
    }

    private void AddToReachedByScan(in Term term, Workspace workspace)
    {
        var slots = term.Postings.Slots;
        var values = term.Postings.Values;
        var accumulators = workspace.Accumulators;
        var generation = workspace.Generation;
        var below = term.Weight * _options.BelowLevelCredit;
        for (var i = 0; i < slots.Length; i++)
        {
            ref var accumulator = ref accumulators[slots[i]];
            if (accumulator.Stamp == generation)
            {
                accumulator.Score += values[i] >= term.MinLevel ? term.Weight : below;
            }
        }
    }

    private void AddToReachedByLookup(in Term term, Workspace workspace)
    {
        var accumulators = workspace.Accumulators;
        var below = term.Weight * _options.BelowLevelCredit;
        foreach (var slot in workspace.Touched.AsSpan(0, workspace.TouchedCount))
        {
            var value = term.Skill >= 0 ? CandidateIndex.LevelOf(index.Skills[slot], term.Skill) : ExperienceValue(slot, term.Occupation);
            if (value > 0)
            {
                accumulators[slot].Score += value >= term.MinLevel ? term.Weight : below;
            }
        }
    }

    private int ExperienceValue(int slot, int occupation)
    {
        foreach (var packed in index.Experience[slot])
        {
            if (packed >> 8 == occupation)
            {
                return Math.Max(1, packed & 0xFF);
            }
        }

        return 0;
    }

    private readonly record struct Term(PostingList Postings, float Weight, int MinLevel, int Skill, int Occupation);

    private struct Accumulator
    {
        public float Score;
        public int Stamp;
    }

    /// <summary>Per-thread scratch space, reused across calls so a match allocates nothing per candidate.</summary>
    private sealed class Workspace
    {
        public Accumulator[] Accumulators = [];
        public int[] Touched = [];
        public int TouchedCount;
        public int Generation;
        public readonly PriorityQueue<int, float> Heap = new();
        public readonly PriorityQueue<int, float> TrainableHeap = new();
        public readonly List<Term> Terms = [];

        public void Prepare(int slots)
        {
            if (Accumulators.Length < slots)
            {
                Accumulators = new Accumulator[slots];
                Touched = new int[slots];
                Generation = 0;
            }

            TouchedCount = 0;
            Generation++;
            if (Generation == int.MaxValue)
            {
                Array.Clear(Accumulators);
                Generation = 1;
            }
        }
    }
}
