using SkillsMatch.Engine.Ranking;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Engine.Training;

namespace SkillsMatch.Engine.Matching;

/// <summary>Tunable constants of matching. Section <c>Matching</c> in the server's configuration.</summary>
public sealed record MatchingOptions
{
    /// <summary>A client qualifies when offering at least this share of the need's weekly hours.</summary>
    public double MinHoursShare { get; init; } = 0.75;

    /// <summary>Credit of a related, broader or narrower skill relative to the skill itself.</summary>
    public float RelatedCredit { get; init; } = 0.5f;

    /// <summary>Retrieval credit of a skill held below the required level.</summary>
    public float BelowLevelCredit { get; init; } = 0.7f;

    /// <summary>Retrieval weight of must-have skills relative to nice-to-have ones.</summary>
    public float MustHaveWeight { get; init; } = 2f;

    /// <summary>Retrieval weight of experience in the need's occupation.</summary>
    public float OccupationWeight { get; init; } = 2f;

    /// <summary>How many retrieved candidates per requested row get features and the full score.</summary>
    public int RescoreFactor { get; init; } = 4;

    public int MinRescoreDepth { get; init; } = 200;

    /// <summary>Before walking a posting list at least this long, retrieval checks whether it may stop reaching new slots.</summary>
    public int PruneCheckPostings { get; init; } = 10_000;
}

/// <summary>
/// A client ranked for a need: rank (1-based), score (the fit 0–1 that orders the list), fit 0–100,
/// the learned correction in it (0 with the heuristic), features, explanation and training plan.
/// </summary>
public sealed record RankedCandidate(int ClientId, int Rank, double Score, int Fit, double Correction, CandidateFeatures Features, IReadOnlyList<string> Explanation, TrainingPlan? Plan = null);

/// <summary>A need ranked for a client, scored exactly as the client is scored in the need's candidate list.</summary>
public sealed record RankedNeed(int NeedId, int Rank, double Score, int Fit, double Correction, CandidateFeatures Features, IReadOnlyList<string> Explanation, TrainingPlan? Plan = null);

/// <summary>
/// Ranks clients for a need and needs for a client over a <see cref="CandidateIndex"/>:
/// weighted retrieval over skill postings (rarer skills weigh more), hard constraints
/// (commute, certificates, languages, hours, availability), features and the heuristic score
/// for the best retrieved, explanations for the rows returned. Single-threaded per call;
/// calls on different threads may run at once.
/// </summary>
public sealed partial class Matcher(CandidateIndex index, MatchingOptions? options = null, TrainingPlanner? training = null, Ranker? ranker = null)
{
    private readonly MatchingOptions _options = options ?? new MatchingOptions();
    private readonly Ranker _ranker = ranker ?? Ranker.Heuristic;
    [ThreadStatic]
    private static Workspace? t_workspace;

    private bool _rescoreEveryRow;

    /// <summary>The training planner over the course catalogue, or null when matching ignores training.</summary>
    public TrainingPlanner? Training => training;

    /// <summary>The ranking every list of this matcher uses: the heuristic, or the heuristic with a learned correction.</summary>
    public Ranker Ranker => _ranker;

    /// <summary>The features of one client for one need as of a day, constraints aside; null when the client is not in the index.</summary>
    public CandidateFeatures? FeaturesOf(NeedProfile need, int clientId, DateOnly asOf)
    {
        if (!index.TryGetSlot(clientId, out var slot) || !index.Active[slot])
        {
            return null;
        }

        var resolved = ResolvedNeed.From(need, index);
        var commute = resolved.Municipality < 0 ? 0 : index.Travel.Minutes(index.Home[slot], resolved.Municipality, index.HasCar(slot));
        return Features(slot, resolved, asOf.DayNumber, commute, null);
    }

    /// <summary>
    /// The best <paramref name="top"/> clients for the need, with training plans; without
    /// <paramref name="explain"/> the rows carry no explanation (for callers that only aggregate them).
    /// With <paramref name="include"/>, only the clients it admits (by id) are ranked, e.g. those who
    /// consented to be shown to employers.
    /// </summary>
    public IReadOnlyList<RankedCandidate> CandidatesFor(NeedProfile need, int top, DateOnly today, Language language, bool explain = true, Func<int, bool>? include = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var resolved = ResolvedNeed.From(need, index);
        var workspace = t_workspace ??= new Workspace();
        workspace.Prepare(index.SlotCount);
        var depth = Math.Max(top * _options.RescoreFactor, _options.MinRescoreDepth);
        var todayDay = today.DayNumber;
        Retrieve(resolved, depth, todayDay, workspace);

        // Clients who meet every requirement and clients who could meet them after training
        // compete in separate heaps, so the second kind never crowds out the first.
        var heap = workspace.Heap;
        var trainable = workspace.TrainableHeap;
        heap.Clear();
        trainable.Clear();
        var touched = workspace.Touched.AsSpan(0, workspace.TouchedCount);
        var accumulators = workspace.Accumulators;
        foreach (var slot in touched)
        {
            // The score test is one compare; the constraints run only for slots that would enter a heap.
            var score = accumulators[slot].Score;
            var full = heap.Count >= depth && (!heap.TryPeek(out _, out var lowest) || score <= lowest);
            var trainableFull = training is null || (trainable.Count >= depth && (!trainable.TryPeek(out _, out var lowestTrainable) || score <= lowestTrainable));
            if ((full && trainableFull) || (include is not null && !include(index.ClientIds[slot])) || !Eligible(slot, resolved, todayDay, out _))
            {
                continue;
            }

            var target = MeetsTrainableRequirements(slot, resolved) ? heap : trainable;
            if ((target == heap && full) || (target == trainable && trainableFull))
            {
                continue;
            }

            if (target.Count < depth)
            {
                target.Enqueue(slot, score);
            }
            else
            {
                target.DequeueEnqueue(slot, score);
            }
        }

        var scored = RescoreBest(heap, trainable, resolved, need, top, today, language);
        return [.. scored
            .OrderByDescending(s => s.Score.Fit)
            .ThenBy(s => index.ClientIds[s.Slot])
            .Take(top)
            .Select((s, i) => new RankedCandidate(
                index.ClientIds[s.Slot],
                i + 1,
                Math.Round(s.Score.Fit, 4),
                HeuristicScore.Percent(s.Score.Fit),
                Math.Round(s.Score.Correction, 4),
                s.Features,
                explain ? Explanations.For(index, s.Slot, resolved, s.Features, s.Commute, todayDay, s.Plan, _ranker.Score(s.Features, explain: true), language) : [],
                s.Plan))];
    }

    /// <summary>The needs a client in the index fits, now or after training in time, best first; empty when the client is not in the index.</summary>
    public IReadOnlyList<RankedNeed> NeedsFor(int clientId, IEnumerable<NeedProfile> needs, int top, DateOnly today, Language language) =>
        NeedsFor(clientId, slot => needs.Select(n => (n, ResolvedNeed.From(n, index))), top, today, language);

    /// <summary>
    /// The needs of <paramref name="needs"/> a client in the index fits, best first; only needs
    /// sharing a skill, a related skill or an occupation group with the client are scored, and
    /// those are the only ones <see cref="NeedsFor(int, IEnumerable{NeedProfile}, int, DateOnly, Language)"/> would keep.
    /// </summary>
    public IReadOnlyList<RankedNeed> NeedsFor(int clientId, NeedIndex needs, int top, DateOnly today, Language language) =>
        NeedsFor(clientId, slot => needs.SharingWith(index, slot), top, today, language);

    private List<RankedNeed> NeedsFor(int clientId, Func<int, IEnumerable<(NeedProfile Profile, ResolvedNeed Resolved)>> needsOf, int top, DateOnly today, Language language)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (!index.TryGetSlot(clientId, out var slot) || !index.Active[slot])
        {
            return [];
        }

        var todayDay = today.DayNumber;
        var scored = new List<(ResolvedNeed Need, Rescored Row)>();
        foreach (var (need, resolved) in needsOf(slot))
        {
            if (!Eligible(slot, resolved, todayDay, out var commute))
            {
                continue;
            }

            // Nothing in common (no skill, related skill or experience): no plan is worth computing.
            var f = Features(slot, resolved, todayDay, commute, null);
            if ((resolved.MustSkills.Length > 0 && f.MustHaveCoverage + f.MustHaveImplied + f.RelatedSkillCredit + f.NiceToHaveCoverage + f.OccupationExperienceYears <= 0)
                || Rescore(slot, resolved, need, f, commute, today, language) is not { } row)
            {
                continue;
            }

            scored.Add((resolved, row));
        }

        return [.. scored
            .OrderByDescending(s => s.Row.Score.Fit)
            .ThenBy(s => s.Need.Id)
            .Take(top)
            .Select((s, i) =>
            {
                var explained = _ranker.Score(s.Row.Features, explain: true);
                return new RankedNeed(
                    s.Need.Id,
                    i + 1,
                    Math.Round(s.Row.Score.Fit, 4),
                    HeuristicScore.Percent(s.Row.Score.Fit),
                    Math.Round(s.Row.Score.Correction, 4),
                    s.Row.Features,
                    Explanations.For(index, slot, s.Need, s.Row.Features, s.Row.Commute, todayDay, s.Row.Plan, explained, language),
                    s.Row.Plan);
            })];
    }

    private sealed record Rescored(int Slot, RankerScore Score, CandidateFeatures Features, int Commute, TrainingPlan? Plan);

    /// <summary>
    /// Rescores the retrieved clients so that the best <paramref name="top"/> are exactly those a
    /// rescore of every one would give, while planning training and running the ranker only for
    /// clients who may still reach them. A client's fit is at most the heuristic of its optimistic
    /// features (every must-have a course could teach counted as taught, no training weeks,
    /// related credit kept: no plan beats them in any feature's direction, and the heuristic is
    /// monotone in those) plus the largest correction the ranker can add. Clients are scored in the
    /// order of that bound until it falls below the top-th fit found.
    /// </summary>
    private List<Rescored> RescoreBest(
        PriorityQueue<int, float> heap, PriorityQueue<int, float> trainable, ResolvedNeed resolved, NeedProfile need, int top, DateOnly today, Language language)
    {
        var todayDay = today.DayNumber;
        if (_rescoreEveryRow)
        {
            var all = new List<Rescored>(heap.Count + trainable.Count);
            foreach (var queue in new[] { heap, trainable })
            {
                while (queue.TryDequeue(out var slot, out _))
                {
                    Eligible(slot, resolved, todayDay, out var commute);
                    if (Rescore(slot, resolved, need, Features(slot, resolved, todayDay, commute, null), commute, today, language) is { } row)
                    {
                        all.Add(row);
                    }
                }
            }

            return all;
        }

        var scored = new List<Rescored>(top);
        var pending = new List<(int Slot, int Commute, CandidateFeatures Features, CandidateFeatures Optimistic, bool Plan, double Bound)>(heap.Count + trainable.Count);
        var closable = training is null ? null : ClosableMustHaves(training, resolved, need);
        var (uncoverableLevels, uncoverableCertificates) = training is null ? ([], 0UL) : Uncoverable(training, resolved, need);
        var maxCorrection = _ranker.MaxCorrection;
        foreach (var queue in new[] { heap, trainable })
        {
            while (queue.TryDequeue(out var slot, out _))
            {
                Eligible(slot, resolved, todayDay, out var commute);
                var features = Features(slot, resolved, todayDay, commute, null);
                var optimistic = features;
                var plan = NeedsPlan(features);
                var qualified = features.CertificateGap == 0 && features.LanguageGap == 0;
                if (plan)
                {
                    // Planning starts the day after today, or when the client is available; without
                    // a cohort that fits before the need starts the plan would have no step.
                    var dayBeforeEarliest = DateOnly.FromDayNumber(Math.Max(index.AvailableFrom[slot] - 1, todayDay));
                    if (training!.AnyCohortBetween(dayBeforeEarliest, need.PeriodStart))
                    {
                        optimistic = Features(slot, resolved, todayDay, commute, null, closable);
                    }
                    else if (qualified)
                    {
                        plan = false;
                    }
                    else
                    {
                        continue;
                    }

                    // A client short of a certificate or language is kept only with a plan that
                    // closes every gap; one gap no course teaches rules that out without planning.
                    if (plan && !qualified && LacksUncoverable(slot, resolved, uncoverableLevels, uncoverableCertificates))
                    {
                        continue;
                    }
                }
                else if (!qualified)
                {
                    continue;
                }

                pending.Add((slot, commute, features, optimistic, plan, HeuristicScore.Of(optimistic) + maxCorrection));
            }
        }

        // The top-th best fit so far: the lowest in a min-heap of the best fits.
        var best = new PriorityQueue<double, double>(top + 1);
        pending.Sort((a, b) => b.Bound.CompareTo(a.Bound));
        foreach (var (slot, commute, features, optimistic, plan, bound) in pending)
        {
            if (best.Count == top && bound < best.Peek())
            {
                break;
            }

            // Before planning, the tighter bound: the ranker's own score of the optimistic
            // features, which no plan can beat since every served ranker is monotone in them.
            if (plan && best.Count == top && !_ranker.Unconstrained && maxCorrection > 0 && _ranker.Score(optimistic).Fit < best.Peek())
            {
                continue;
            }

            var row = plan ? Rescore(slot, resolved, need, features, commute, today, language) : new Rescored(slot, _ranker.Score(features), features, commute, null);
            if (row is not null)
            {
                scored.Add(row);
                Keep(best, row.Score.Fit, top);
            }
        }

        return scored;
    }

    /// <summary>The same matcher rescoring every retrieved client, planning each: the reference the bounded rescoring is tested against.</summary>
    internal Matcher RescoringEveryRow() => new(index, _options, training, _ranker) { _rescoreEveryRow = true };

    private static void Keep(PriorityQueue<double, double> best, double fit, int top)
    {
        if (best.Count < top)
        {
            best.Enqueue(fit, fit);
        }
        else if (fit > best.Peek())
        {
            best.DequeueEnqueue(fit, fit);
        }
    }

    /// <summary>Per must-have of the resolved need: can any catalogue course teach it to a level the need asks for?</summary>
    private bool[] ClosableMustHaves(TrainingPlanner planner, ResolvedNeed resolved, NeedProfile need)
    {
        var closable = new bool[resolved.MustSkills.Length];
        for (var i = 0; i < closable.Length; i++)
        {
            var id = index.Reference.Taxonomy.Skills[resolved.MustSkills[i]].Id;
            foreach (var skill in need.MustHave)
            {
                if (skill.SkillId == id && planner.Coverable(new GapItem(GapKind.Skill, id, id, skill.Level, 0)))
                {
                    closable[i] = true;
                    break;
                }
            }
        }

        return closable;
    }

    /// <summary>
    /// Per must-have, the lowest level the need names it at that no course teaches (0: none), and
    /// the need's certificates no course awards: a client below such a level or without such a
    /// certificate has a gap item no plan covers.
    /// </summary>
    private (int[] Levels, ulong Certificates) Uncoverable(TrainingPlanner planner, ResolvedNeed resolved, NeedProfile need)
    {
        var levels = new int[resolved.MustSkills.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            var id = index.Reference.Taxonomy.Skills[resolved.MustSkills[i]].Id;
            foreach (var skill in need.MustHave)
            {
                if (skill.SkillId == id && !planner.Coverable(new GapItem(GapKind.Skill, id, id, skill.Level, 0)) && (levels[i] == 0 || skill.Level < levels[i]))
                {
                    levels[i] = skill.Level;
                }
            }
        }

        ulong certificates = 0;
        foreach (var code in need.Certificates)
        {
            var bit = index.CertificateBit(code);
            if (bit >= 0 && !planner.Coverable(new GapItem(GapKind.Certificate, code, code, 1, 0)))
            {
                certificates |= 1UL << bit;
            }
        }

        return (levels, certificates);
    }

    private bool LacksUncoverable(int slot, ResolvedNeed resolved, int[] levels, ulong certificates)
    {
        if ((certificates & ~index.Certificates[slot]) != 0)
        {
            return true;
        }

        var skills = index.Skills[slot];
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i] > 0 && CandidateIndex.LevelOf(skills, resolved.MustSkills[i]) < levels[i])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <see cref="Rescore"/> would plan training for the client: a training planner and a gap.</summary>
    private bool NeedsPlan(in CandidateFeatures features) =>
        training is not null && (features.CertificateGap != 0 || features.LanguageGap != 0 || features.MustHaveCoverage < 1 || features.LevelDeficit > 0);


    /// <summary>
    /// Training plan and score of one client that passed the fixed constraints, from its features
    /// without a plan (recomputed with the plan when there is one). A client
    /// who lacks a required certificate or language level stays only with a plan that closes the
    /// gap before the need starts; any client with a gap gets the plan that closes most of it.
    /// </summary>
    private Rescored? Rescore(int slot, ResolvedNeed resolved, NeedProfile need, CandidateFeatures features, int commute, DateOnly today, Language language)
    {
        // The gap is read off the features, computed once for the pair: certificates and language
        // levels missing, and must-haves not held or held below the level asked for.
        var qualified = features.CertificateGap == 0 && features.LanguageGap == 0;
        var gap = !qualified || features.MustHaveCoverage < 1 || features.LevelDeficit > 0;
        TrainingPlan? plan = null;
        if (training is not null && gap)
        {
            plan = training.Plan(index.ProfileOf(slot), need, today, language);
            if (!qualified && !plan.ReadyInTime)
            {
                return null;
            }

            if (plan.Steps.Count == 0)
            {
                plan = null;
            }
        }
        else if (!qualified)
        {
            return null;
        }

        if (plan is not null)
        {
            features = Features(slot, resolved, today.DayNumber, commute, plan);
        }

        return new Rescored(slot, _ranker.Score(features), features, commute, plan);
    }

    private bool MeetsTrainableRequirements(int slot, ResolvedNeed need)
    {
        if ((need.CertificateMask & ~index.Certificates[slot]) != 0)
        {
            return false;
        }

        foreach (var (language, level) in need.Languages)
        {
            if (index.LanguageLevelOf(slot, language) < level)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The hard constraints: commute, hours and availability always; certificates and languages
    /// too when there is no training planner (with one, they may be closed by training instead).
    /// </summary>
    private bool Eligible(int slot, ResolvedNeed need, int todayDay, out int commute)
    {
        if (!index.Travel.Reaches(index.Home[slot], need.Municipality, index.HasCar(slot), Math.Min(index.MaxCommute[slot], need.MaxCommuteMinutes), out commute))
        {
            return false;
        }

        if (index.Hours[slot] < need.HoursPerWeek * _options.MinHoursShare)
        {
            return false;
        }

        if (index.AvailableFrom[slot] > Math.Max(need.StartDay, todayDay))
        {
            return false;
        }

        return training is not null || MeetsTrainableRequirements(slot, need);
    }

    /// <summary>Credit of a must-have skill in <see cref="CandidateFeatures.SkillFit"/> by how the client has it.</summary>
    internal const float ImpliedCredit = 0.8f, TrainedCredit = 0.6f, RelatedCredit = 0.25f, LevelStepPenalty = 0.15f, MinHeldCredit = 0.55f, NiceShare = 0.9f;

    /// <summary>
    /// The features of a client for a need. Each must-have counts once, in the first of: held,
    /// implied by experience, taught by <paramref name="plan"/> in time, related skill held, missing.
    /// </summary>
    /// <remarks>
    /// With <paramref name="optimistic"/> (per must-have: could a course teach it), every such
    /// must-have neither held nor implied counts as taught and still as related when it is:
    /// features no plan can beat in any feature's direction.
    /// </remarks>
    private CandidateFeatures Features(int slot, ResolvedNeed need, int todayDay, int commute, TrainingPlan? plan, bool[]? optimistic = null)
    {
        var skills = index.Skills[slot];
        int held = 0, implied = 0, trained = 0, related = 0;
        var deficit = 0;
        float credit = 0, weights = 0, lightest = float.MaxValue;
        for (var i = 0; i < need.MustSkills.Length; i++)
        {
            var skill = need.MustSkills[i];
            var weight = Rarity(skill);
            weights += weight;
            lightest = Math.Min(lightest, weight);
            var kind = Classify(index, slot, skill, plan, out var level);
            if (optimistic?[i] == true && kind is MustHave.Related or MustHave.Missing)
            {
                trained++;
                credit += weight * TrainedCredit;
                related += kind == MustHave.Related ? 1 : 0;
                continue;
            }

            switch (kind)
            {
                case MustHave.Held:
                    held++;
                    var shortBy = Math.Max(0, need.MustLevels[i] - level);
                    deficit += shortBy;
                    credit += weight * Math.Max(MinHeldCredit, 1 - (LevelStepPenalty * shortBy));
                    break;
                case MustHave.Implied:
                    implied++;
                    credit += weight * ImpliedCredit;
                    break;
                case MustHave.Trained:
                    trained++;
                    credit += weight * TrainedCredit;
                    break;
                case MustHave.Related:
                    related++;
                    credit += weight * RelatedCredit;
                    break;
            }
        }

        var niceHeld = 0;
        foreach (var skill in need.NiceSkills)
        {
            if (CandidateIndex.LevelOf(skills, skill) > 0)
            {
                niceHeld++;
            }
        }

        var languageGap = 0;
        foreach (var (language, level) in need.Languages)
        {
            languageGap += Math.Max(0, level - index.LanguageLevelOf(slot, language));
        }

        // Nice-to-have certificates count like nice-to-have skills: the same feature, so the
        // ranker's feature schema (and every trained model) stays as it is.
        niceHeld += System.Numerics.BitOperations.PopCount(need.NiceCertificateMask & index.Certificates[slot]);
        var niceTotal = need.NiceSkills.Length + System.Numerics.BitOperations.PopCount(need.NiceCertificateMask);

        var must = need.MustSkills.Length;
        var nice = niceTotal == 0 ? 0 : (float)niceHeld / niceTotal;

        // Nice-to-haves add at most 0.9 of the weight of the lightest must-have, so all of them
        // together never outweigh one must-have; without must-haves they are the whole skill fit.
        var skillFit = must == 0
            ? (niceTotal == 0 ? 1 : nice)
            : (credit + (NiceShare * lightest * nice)) / (weights + (NiceShare * lightest));
        return new CandidateFeatures(
            MustHaveCoverage: must == 0 ? 1 : (float)held / must,
            MustHaveImplied: must == 0 ? 0 : (float)implied / must,
            MustHaveCoverageWithTraining: must == 0 ? 1 : (float)(held + trained) / must,
            SkillFit: skillFit,
            NiceToHaveCoverage: nice,
            LevelDeficit: deficit / (3f * Math.Max(1, must)),
            RelatedSkillCredit: must == 0 ? 0 : (float)related / must,
            CertificateGap: ulong.PopCount(need.CertificateMask & ~index.Certificates[slot]),
            LanguageGap: languageGap,
            CommuteMinutes: commute,
            AvailabilitySlackDays: Math.Max(need.StartDay, todayDay) - index.AvailableFrom[slot],
            OccupationExperienceYears: ExperienceYears(slot, need),
            HoursFit: Math.Min(1f, index.Hours[slot] / (float)need.HoursPerWeek),
            TrainingWeeks: plan?.TrainingWeeks ?? 0);
    }

    /// <summary>The rarer the skill among the clients, the more holding it says: the same inverse document frequency retrieval weighs with.</summary>
    private float Rarity(int skill) =>
        (float)Math.Log(1 + (Math.Max(1, index.Count) / (1.0 + (index.SkillPostings[skill]?.Count ?? 0))));

    /// <summary>The first of <paramref name="candidates"/> the client holds, or -1.</summary>
    internal static int FirstHeld(int[] skills, int[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (CandidateIndex.LevelOf(skills, candidate) > 0)
            {
                return candidate;
            }
        }

        return -1;
    }

    /// <summary>How a client has a must-have skill: the first of held, implied, trained, related; else missing.</summary>
    internal enum MustHave
    {
        Held,
        Implied,
        Trained,
        Related,
        Missing,
    }

    /// <summary>
    /// The one rule for how a client has a must-have skill, for features and explanations alike:
    /// held (at <paramref name="via"/> = its level), implied by experience (<paramref name="via"/> =
    /// the occupation; a skill essential to an occupation the client worked in), taught in time by
    /// <paramref name="plan"/>, related (<paramref name="via"/> = the related skill held), missing.
    /// </summary>
    internal static MustHave Classify(CandidateIndex index, int slot, int skill, Training.TrainingPlan? plan, out int via)
    {
        var skills = index.Skills[slot];
        via = CandidateIndex.LevelOf(skills, skill);
        if (via > 0)
        {
            return MustHave.Held;
        }

        via = ImpliedBy(index, slot, skill);
        if (via >= 0)
        {
            return MustHave.Implied;
        }

        if (plan is not null && plan.Closes(index.Reference.Taxonomy.Skills[skill].Id))
        {
            return MustHave.Trained;
        }

        via = FirstHeld(skills, index.Graph.Neighbours(skill));
        return via >= 0 ? MustHave.Related : MustHave.Missing;
    }

    /// <summary>The occupation in the client's past that lists the skill as essential, or -1.</summary>
    internal static int ImpliedBy(CandidateIndex index, int slot, int skill)
    {
        var occupations = index.Reference.Taxonomy.Occupations;
        foreach (var packed in index.Experience[slot])
        {
            var occupation = occupations[packed >> 8];
            if (Array.IndexOf(occupation.EssentialSkills, skill) >= 0)
            {
                return occupation.Index;
            }
        }

        return -1;
    }

    /// <summary>Years in the need's occupation, plus half the years in other occupations of its ISCO unit group.</summary>
    private float ExperienceYears(int slot, ResolvedNeed need)
    {
        if (need.Occupation < 0)
        {
            return 0;
        }

        var occupations = index.Reference.Taxonomy.Occupations;
        var years = 0f;
        foreach (var packed in index.Experience[slot])
        {
            var occupation = packed >> 8;
            var quarterYears = (packed & 0xFF) / 4f;
            if (occupation == need.Occupation)
            {
                years += quarterYears;
            }
            else if (occupations[occupation].IscoGroup == need.IscoGroup)
            {
                years += quarterYears / 2;
            }
        }

        return years;
    }
}
