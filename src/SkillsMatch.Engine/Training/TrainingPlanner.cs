using System.Globalization;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Training;

/// <summary>
/// Finds the best sequence of course cohorts that closes a client's gap for a need: each cohort
/// starts after today (and after the previous one ends), ends before the need starts, has a free
/// seat, is reachable within the client's commute (or remote) and hours, and has its
/// prerequisites met by then. Best means: fewest gap items left open, then ready soonest, then
/// cheapest. A small exhaustive search with bounds: gaps are a handful of items.
/// </summary>
public sealed class TrainingPlanner
{
    private const int MaxNodes = 20_000;
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private readonly ReferenceData _reference;
    private readonly TravelTimes _travel;

    // The courses teaching each skill, certificate and language, in catalogue order, so that a
    // search node looks at the few courses that can close an item instead of the whole catalogue.
    private readonly Dictionary<string, CourseOffer[]> _skillCourses;
    private readonly Dictionary<string, CourseOffer[]> _certificateCourses;
    private readonly Dictionary<string, CourseOffer[]> _languageCourses;

    // The offers of each module of each series (a TQ module may run at several places).
    private readonly Dictionary<(string Series, int Module), CourseOffer[]> _modules;

    // Cohorts with a free seat by start, and the earliest end among those starting at or after each one.
    private readonly DateOnly[] _cohortStarts;
    private readonly DateOnly[] _earliestEndFrom;

    public TrainingPlanner(ReferenceData reference, TravelTimes travel, IReadOnlyList<CourseOffer> catalogue)
    {
        _reference = reference;
        _travel = travel;
        Catalogue = catalogue;
        _skillCourses = IndexBy(catalogue, c => c.SkillsTaught.Select(s => s.SkillId), StringComparer.Ordinal);
        _certificateCourses = IndexBy(catalogue, c => c.CertificatesAwarded, StringComparer.OrdinalIgnoreCase);
        _languageCourses = IndexBy(catalogue, c => c.LanguagesTaught.Select(l => l.Code), StringComparer.OrdinalIgnoreCase);
        _modules = catalogue.Where(c => c.SeriesId is not null)
            .GroupBy(c => (c.SeriesId!, c.Module))
            .ToDictionary(g => g.Key, g => g.ToArray());
        var cohorts = catalogue
            .SelectMany(c => c.Cohorts.Where(k => k.FreeSeats > 0).Select(k => (k.Start, End: CourseOffer.EndOf(k.Start, c.DurationWeeks))))
            .OrderBy(k => k.Start)
            .ToArray();
        _cohortStarts = [.. cohorts.Select(k => k.Start)];
        _earliestEndFrom = new DateOnly[cohorts.Length];
        for (var i = cohorts.Length - 1; i >= 0; i--)
        {
            _earliestEndFrom[i] = i == cohorts.Length - 1 || cohorts[i].End < _earliestEndFrom[i + 1] ? cohorts[i].End : _earliestEndFrom[i + 1];
        }
    }

    public IReadOnlyList<CourseOffer> Catalogue { get; }

    /// <summary>
    /// True when some cohort with a free seat starts after <paramref name="today"/> and ends before
    /// <paramref name="needStart"/>. When false, no plan for a need starting then has a single step.
    /// </summary>
    public bool AnyCohortBetween(DateOnly today, DateOnly needStart)
    {
        var first = Array.BinarySearch(_cohortStarts, today.AddDays(1));
        if (first < 0)
        {
            first = ~first;
        }
        else
        {
            // Several cohorts may start that day: the suffix starts at the first of them.
            while (first > 0 && _cohortStarts[first - 1] == _cohortStarts[first])
            {
                first--;
            }
        }

        return first < _cohortStarts.Length && _earliestEndFrom[first] < needStart;
    }

    /// <summary>True when some catalogue course teaches the gap item.</summary>
    public bool Coverable(GapItem item)
    {
        foreach (var course in CoursesFor(item))
        {
            if (Teaches(course, item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The courses that mention the item's skill, certificate or language, in catalogue order; <see cref="Teaches"/> decides the level.</summary>
    private CourseOffer[] CoursesFor(GapItem item) =>
        (item.Kind switch
        {
            GapKind.Skill => _skillCourses,
            GapKind.Certificate => _certificateCourses,
            _ => _languageCourses,
        }).GetValueOrDefault(item.Id) ?? [];

    private static Dictionary<string, CourseOffer[]> IndexBy(IReadOnlyList<CourseOffer> catalogue, Func<CourseOffer, IEnumerable<string>> keys, StringComparer comparer) =>
        catalogue
            .SelectMany(c => keys(c).Distinct(comparer).Select(k => (Key: k, Course: c)))
            .GroupBy(p => p.Key, comparer)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Course).ToArray(), comparer);

    /// <summary>What the client lacks for the need: must-have skills below level, certificates, language levels.</summary>
    public IReadOnlyList<GapItem> Gap(ClientProfile client, NeedProfile need, Language language)
    {
        var gap = new List<GapItem>();
        foreach (var skill in need.MustHave)
        {
            var current = 0;
            foreach (var held in client.Skills)
            {
                if (string.Equals(held.SkillId, skill.SkillId, StringComparison.Ordinal) && held.Level > current)
                {
                    current = held.Level;
                }
            }

            if (current < skill.Level)
            {
                gap.Add(new GapItem(GapKind.Skill, skill.SkillId, _reference.Taxonomy.FindSkill(skill.SkillId)?.Label(language) ?? skill.SkillId, skill.Level, current));
            }
        }

        foreach (var code in need.Certificates.Where(c => !client.Certificates.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            gap.Add(new GapItem(GapKind.Certificate, code, _reference.Vocabulary.FindCertificate(code)?.Label(language) ?? code, 1, 0));
        }

        foreach (var required in need.Languages)
        {
            var current = client.Languages.Where(l => string.Equals(l.Code, required.Code, StringComparison.OrdinalIgnoreCase)).Select(l => l.Level).DefaultIfEmpty(0).Max();
            if (current < required.Level)
            {
                var name = _reference.Vocabulary.FindLanguage(required.Code) is { } info ? (language == Language.German ? info.LabelDe : info.LabelEn) : required.Code;
                gap.Add(new GapItem(GapKind.Language, required.Code, $"{name} {Cefr.Name(required.Level)}", required.Level, current));
            }
        }

        return gap;
    }

    public TrainingPlan Plan(ClientProfile client, NeedProfile need, DateOnly today, Language language)
    {
        var gap = Gap(client, need, language);
        var onTheJob = gap.Where(g => g.Kind == GapKind.Skill && need.OnTheJob.Any(o => o.SkillId == g.Id && o.Weeks > 0)).ToList();
        var uncovered = gap.Except(onTheJob).Where(g => !Coverable(g)).ToList();
        var coverable = gap.Except(onTheJob).Except(uncovered).ToList();
        var earliest = client.AvailableFrom > today ? client.AvailableFrom : today.AddDays(1);
        var search = new Search(this, client, need, coverable, earliest);

        // Without anything to close, or without a cohort that fits before the need starts, the
        // search could only return the empty plan.
        if (coverable.Count > 0 && AnyCohortBetween(earliest.AddDays(-1), need.PeriodStart))
        {
            search.Run();
        }

        var best = search.Best;
        var notInTime = coverable.Where(g => !best.Closed.Contains(g)).ToList();
        var readyBy = best.Steps.Count == 0 ? today : best.Steps[^1].End;
        var noCohortFits = notInTime.Where(g => CoursesFor(g).Where(c => Teaches(c, g)).All(c => !Attendable(c, client))).ToList();
        var familiarisation = onTheJob.Count == 0 ? 0 : need.OnTheJob.Where(o => onTheJob.Any(g => g.Id == o.SkillId)).Max(o => o.Weeks);
        var explanation = Explain(gap, best.Steps, uncovered, notInTime, readyBy, need.PeriodStart, language);
        Explain(explanation, best.Steps, best.Cost, onTheJob, familiarisation, noCohortFits, client, language);
        return new TrainingPlan(gap, best.Steps, uncovered, notInTime, readyBy, need.PeriodStart, best.Cost, explanation)
        {
            OnTheJob = onTheJob,
            FamiliarisationWeeks = familiarisation,
            NoCohortFits = noCohortFits,
        };
    }

    /// <summary>Cost and funding, familiarisation on the job, and gaps no attendable cohort closes.</summary>
    private static void Explain(
        List<string> sentences, List<PlanStep> steps, decimal cost, List<GapItem> onTheJob, int weeks, List<GapItem> noCohortFits, ClientProfile client, Language language)
    {
        var de = language == Language.German;
        if (steps.Count > 0)
        {
            var funding = string.Join(", ", steps.Select(s => s.Funding).Where(f => f.Length > 0).Distinct());
            var euros = cost.ToString("#,##0", de ? German : English);
            sentences.Add(de ? $"Kosten {euros} €{(funding.Length > 0 ? $" ({funding})" : "")}." : $"Cost €{euros}{(funding.Length > 0 ? $" ({funding})" : "")}.");
        }

        if (onTheJob.Count > 0)
        {
            var labels = string.Join(", ", onTheJob.Select(g => g.Label));
            sentences.Add(de ? $"Einarbeitung im Betrieb ({weeks} Wo.): {labels}." : $"Familiarisation on the job ({weeks} wk): {labels}.");
        }

        if (noCohortFits.Count > 0)
        {
            var labels = string.Join(", ", noCohortFits.Select(g => g.Label));
            var care = client.CareDuties ? (de ? " und Betreuungszeiten" : " and care hours") : "";
            sentences.Add(de ? $"Kein Kurstermin passt zu {client.HoursPerWeek} Std./Woche{care}: {labels}."
                : $"No cohort fits {client.HoursPerWeek} hours a week{care}: {labels}.");
        }
    }

    /// <summary>
    /// Can the client attend the course at all: no more weekly hours than the client has, and with
    /// childcare or care duties only childcare-compatible or online courses.
    /// </summary>
    public static bool Attendable(CourseOffer course, ClientProfile client) =>
        course.HoursPerWeek <= client.HoursPerWeek && (!client.CareDuties || course.ChildcareCompatible || course.Remote);

    /// <summary>The modules of the course's series still missing, with their own required modules, in module order.</summary>
    private List<int> MissingModules(CourseOffer course, Func<string, int, bool> held)
    {
        var missing = new SortedSet<int>();
        var pending = new Stack<int>(course.RequiresModules);
        while (pending.TryPop(out var module))
        {
            if (held(course.SeriesId!, module) || !missing.Add(module))
            {
                continue;
            }

            foreach (var required in _modules.GetValueOrDefault((course.SeriesId!, module))?.FirstOrDefault()?.RequiresModules ?? [])
            {
                pending.Push(required);
            }
        }

        return [.. missing];
    }

    /// <summary>Does the course, once completed, satisfy the gap item?</summary>
    public static bool Teaches(CourseOffer course, GapItem item)
    {
        switch (item.Kind)
        {
            case GapKind.Skill:
                foreach (var s in course.SkillsTaught)
                {
                    if (s.SkillId == item.Id && s.Level >= item.Required)
                    {
                        return true;
                    }
                }

                return false;
            case GapKind.Certificate:
                foreach (var c in course.CertificatesAwarded)
                {
                    if (string.Equals(c, item.Id, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            default:
                foreach (var l in course.LanguagesTaught)
                {
                    if (string.Equals(l.Code, item.Id, StringComparison.OrdinalIgnoreCase) && l.Level >= item.Required)
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    private bool Reachable(CourseOffer course, ClientProfile client)
    {
        if (!Attendable(course, client))
        {
            return false;
        }

        if (course.Remote)
        {
            return true;
        }

        var to = course.MunicipalityAgs is null ? -1 : _travel.IndexOf(course.MunicipalityAgs);
        return _travel.Reaches(_travel.IndexOf(client.HomeMunicipalityAgs), to, client.DrivingLicence && client.HasCar, client.MaxCommuteMinutes, out _);
    }

    private static List<string> Explain(
        IReadOnlyList<GapItem> gap, IReadOnlyList<PlanStep> steps, List<GapItem> uncovered, List<GapItem> notInTime, DateOnly readyBy, DateOnly start, Language language)
    {
        var de = language == Language.German;
        var culture = de ? German : English;
        string Date(DateOnly d) => d.ToString(de ? "dd.MM.yyyy" : "d MMM yyyy", culture);
        var sentences = new List<string>();
        if (gap.Count == 0)
        {
            sentences.Add(de ? "Keine Lücke: bringt alles Geforderte mit." : "No gap: has everything the need asks for.");
            return sentences;
        }

        sentences.Add(de ? $"Lücke: {string.Join(", ", gap.Select(g => g.Label))}." : $"Gap: {string.Join(", ", gap.Select(g => g.Label))}.");
        foreach (var step in steps)
        {
            var closes = step.Closes.Count == 0
                ? (de ? "Voraussetzung für den nächsten Kurs" : "prerequisite for the next course")
                : string.Join(", ", step.Closes.Select(g => g.Label));
            sentences.Add(de
                ? $"{step.CourseTitle} ({step.Provider}, {Date(step.Start)}–{Date(step.End)}, {step.Weeks} Wo.): {closes}."
                : $"{step.CourseTitle} ({step.Provider}, {Date(step.Start)}–{Date(step.End)}, {step.Weeks} wk): {closes}.");
        }

        if (uncovered.Count == 0 && notInTime.Count == 0)
        {
            sentences.Add(de ? $"Bereit bis {Date(readyBy)}, vor Beginn am {Date(start)}." : $"Ready by {Date(readyBy)}, before the start on {Date(start)}.");
        }

        if (uncovered.Count > 0)
        {
            sentences.Add(de ? $"Kein Kurs im Katalog für: {string.Join(", ", uncovered.Select(g => g.Label))}." : $"No catalogue course for: {string.Join(", ", uncovered.Select(g => g.Label))}.");
        }

        if (notInTime.Count > 0)
        {
            sentences.Add(de ? $"Nicht rechtzeitig vor Beginn am {Date(start)} zu schließen: {string.Join(", ", notInTime.Select(g => g.Label))}."
                : $"Cannot be closed before the start on {Date(start)}: {string.Join(", ", notInTime.Select(g => g.Label))}.");
        }

        return sentences;
    }

    /// <summary>What the client holds while a plan unfolds: initial profile plus completed courses.</summary>
    /// <summary>
    /// What a client holds after some courses: the client's own skills, certificates and languages, and the
    /// courses taken on this branch of the search. Immutable and shared: a step adds one link to the chain
    /// instead of copying every set (the search makes hundreds of thousands of them for a county report).
    /// </summary>
    private sealed class Holdings
    {
        private readonly Dictionary<string, int> _skills;
        private readonly HashSet<string> _certificates;
        private readonly Dictionary<string, int> _languages;
        private readonly Holdings? _parent;
        private readonly CourseOffer? _course;

        private Holdings(Dictionary<string, int> skills, HashSet<string> certificates, Dictionary<string, int> languages, Holdings? parent, CourseOffer? course) =>
            (_skills, _certificates, _languages, _parent, _course) = (skills, certificates, languages, parent, course);

        public static Holdings Of(ClientProfile client)
        {
            var skills = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var s in client.Skills)
            {
                skills[s.SkillId] = Math.Max(skills.GetValueOrDefault(s.SkillId), s.Level);
            }

            var languages = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var l in client.Languages)
            {
                languages[l.Code] = Math.Max(languages.GetValueOrDefault(l.Code), l.Level);
            }

            return new Holdings(skills, new HashSet<string>(client.Certificates, StringComparer.OrdinalIgnoreCase), languages, null, null);
        }

        /// <summary>The holdings once the course is completed: skills and languages raised to what it teaches (never lowered), its certificates and module added.</summary>
        public Holdings After(CourseOffer course) => new(_skills, _certificates, _languages, this, course);

        private int SkillLevel(string id)
        {
            var level = _skills.GetValueOrDefault(id);
            for (var link = this; link._course is { } course; link = link._parent!)
            {
                foreach (var taught in course.SkillsTaught)
                {
                    if (taught.Level > level && string.Equals(taught.SkillId, id, StringComparison.Ordinal))
                    {
                        level = taught.Level;
                    }
                }
            }

            return level;
        }

        private bool HasCertificate(string code)
        {
            if (_certificates.Contains(code))
            {
                return true;
            }

            for (var link = this; link._course is { } course; link = link._parent!)
            {
                foreach (var awarded in course.CertificatesAwarded)
                {
                    if (string.Equals(awarded, code, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private int LanguageLevel(string code)
        {
            var level = _languages.GetValueOrDefault(code);
            for (var link = this; link._course is { } course; link = link._parent!)
            {
                foreach (var taught in course.LanguagesTaught)
                {
                    if (taught.Level > level && string.Equals(taught.Code, code, StringComparison.OrdinalIgnoreCase))
                    {
                        level = taught.Level;
                    }
                }
            }

            return level;
        }

        /// <summary>Has a module of a series been completed on this branch?</summary>
        public bool HasModule(string series, int module)
        {
            for (var link = this; link._course is { } course; link = link._parent!)
            {
                if (course.Module == module && string.Equals(course.SeriesId, series, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        public bool Satisfies(GapItem item) => item.Kind switch
        {
            GapKind.Skill => SkillLevel(item.Id) >= item.Required,
            GapKind.Certificate => HasCertificate(item.Id),
            _ => LanguageLevel(item.Id) >= item.Required,
        };

        public bool MeetsPrerequisites(CourseOffer course) =>
            course.PrerequisiteSkills.All(p => SkillLevel(p.SkillId) >= p.Level)
            && course.PrerequisiteCertificates.All(HasCertificate)
            && course.PrerequisiteLanguages.All(p => LanguageLevel(p.Code) >= p.Level)
            && (course.SeriesId is null || course.RequiresModules.All(m => HasModule(course.SeriesId, m)));

        /// <summary>The prerequisites of a course not met yet, as gap items.</summary>
        public IEnumerable<GapItem> MissingPrerequisites(CourseOffer course)
        {
            foreach (var p in course.PrerequisiteSkills.Where(p => SkillLevel(p.SkillId) < p.Level))
            {
                yield return new GapItem(GapKind.Skill, p.SkillId, p.SkillId, p.Level, SkillLevel(p.SkillId));
            }

            foreach (var c in course.PrerequisiteCertificates.Where(c => !HasCertificate(c)))
            {
                yield return new GapItem(GapKind.Certificate, c, c, 1, 0);
            }

            foreach (var p in course.PrerequisiteLanguages.Where(p => LanguageLevel(p.Code) < p.Level))
            {
                yield return new GapItem(GapKind.Language, p.Code, p.Code, p.Level, LanguageLevel(p.Code));
            }
        }
    }

    private sealed record Candidate(List<PlanStep> Steps, HashSet<GapItem> Closed, decimal Cost, DateOnly End);

    private sealed class Search(TrainingPlanner planner, ClientProfile client, NeedProfile need, List<GapItem> items, DateOnly earliest)
    {
        private readonly Dictionary<int, bool> _reachable = [];
        private int _nodes;

        /// <summary>Whether the client can attend and reach the course, worked out once per course and search.</summary>
        private bool Reachable(CourseOffer course)
        {
            if (!_reachable.TryGetValue(course.Id, out var reachable))
            {
                _reachable[course.Id] = reachable = planner.Reachable(course, client);
            }

            return reachable;
        }

        public Candidate Best { get; private set; } = new([], [], 0, DateOnly.MinValue);

        public void Run() => Explore(Holdings.Of(client), earliest, [], [], 0);

        private void Explore(Holdings holdings, DateOnly freeFrom, List<PlanStep> steps, HashSet<GapItem> closed, decimal cost)
        {
            if (++_nodes > MaxNodes)
            {
                return;
            }

            var end = steps.Count == 0 ? DateOnly.MinValue : steps[^1].End;
            Consider(new Candidate(steps, closed, cost, end));

            // A course teaching several open items (a module of a series does) is tried once per node,
            // those closing most open items first, then the soonest: a plan that closes everything is
            // found early, and its end and cost then prune every branch that cannot beat it.
            var open = items.Where(i => !closed.Contains(i)).ToList();
            var options = new Dictionary<int, (CourseOffer Course, int Closes, DateOnly Start)>();

            // Whatever this branch adds, an item it closes is taught by a reachable course not yet
            // taken with a cohort from freeFrom that ends before the need starts: at most that many.
            var attainable = closed.Count;
            foreach (var item in open)
            {
                var closable = false;
                foreach (var course in planner.CoursesFor(item))
                {
                    if (Teaches(course, item) && steps.All(s => s.CourseId != course.Id) && Reachable(course))
                    {
                        var cohort = options.TryGetValue(course.Id, out var known) ? known.Start : Cohort(course, freeFrom)?.Start ?? DateOnly.MaxValue;
                        closable |= cohort != DateOnly.MaxValue;
                        options.TryAdd(course.Id, (course, open.Count(i => Teaches(course, i)), cohort));
                    }
                }

                if (closable)
                {
                    attainable++;
                }
            }

            if (!CanImprove(attainable, end, cost))
            {
                return;
            }

            foreach (var (course, _, _) in options.Values.OrderByDescending(o => o.Closes).ThenBy(o => o.Start).ThenBy(o => o.Course.CostEuros).ThenBy(o => o.Course.Id))
            {
                TryCourse(course, holdings, freeFrom, steps, closed, cost, allowPrerequisiteCourse: true);
            }
        }

        private void TryCourse(CourseOffer course, Holdings holdings, DateOnly freeFrom, List<PlanStep> steps, HashSet<GapItem> closed, decimal cost, bool allowPrerequisiteCourse)
        {
            if (!Reachable(course))
            {
                return;
            }

            if (course.SeriesId is not null && planner.MissingModules(course, holdings.HasModule) is { Count: > 0 } modules)
            {
                // The earlier modules of a series come first, in module order, each at its soonest
                // attendable cohort; then the course itself.
                if (allowPrerequisiteCourse)
                {
                    TryAfterModules(course, modules, holdings, freeFrom, steps, closed, cost);
                }

                return;
            }

            if (!holdings.MeetsPrerequisites(course))
            {
                // One level of prerequisite courses: a course that closes them, taken first.
                if (!allowPrerequisiteCourse)
                {
                    return;
                }

                // Only courses that mention the first missing item can teach it: those, in catalogue order.
                var missing = holdings.MissingPrerequisites(course).ToList();
                var mentioning = missing.Count == 0 ? planner.Catalogue : planner.CoursesFor(missing[0]);
                foreach (var first in mentioning.Where(c => c.Id != course.Id && steps.All(s => s.CourseId != c.Id) && missing.All(m => Teaches(c, m))))
                {
                    if (!Reachable(first) || !holdings.MeetsPrerequisites(first) || Cohort(first, freeFrom) is not { } firstCohort)
                    {
                        continue;
                    }

                    var afterFirst = holdings.After(first);
                    var firstStep = Step(first, firstCohort, afterFirst, closed, holdings, prerequisite: true);
                    var nextClosed = new HashSet<GapItem>(closed);
                    nextClosed.UnionWith(firstStep.Closes);
                    TryCourse(course, afterFirst, firstStep.End.AddDays(1), [.. steps, firstStep], nextClosed, cost + first.CostEuros, allowPrerequisiteCourse: false);
                }

                return;
            }

            if (Cohort(course, freeFrom) is not { } cohort)
            {
                return;
            }

            var after = holdings.After(course);
            var step = Step(course, cohort, after, closed, holdings, prerequisite: false);
            if (step.Closes.Count == 0)
            {
                return;
            }

            var newlyClosed = new HashSet<GapItem>(closed);
            newlyClosed.UnionWith(step.Closes);
            if (!Promising(step.End, cost + course.CostEuros))
            {
                return;
            }

            Explore(after, step.End.AddDays(1), [.. steps, step], newlyClosed, cost + course.CostEuros);
        }

        private void TryAfterModules(CourseOffer course, List<int> modules, Holdings holdings, DateOnly freeFrom, List<PlanStep> steps, HashSet<GapItem> closed, decimal cost)
        {
            var chain = new List<PlanStep>(steps);
            var chainClosed = new HashSet<GapItem>(closed);
            foreach (var module in modules)
            {
                CourseOffer? offer = null;
                Cohort? soonest = null;
                foreach (var candidate in planner._modules.GetValueOrDefault((course.SeriesId!, module)) ?? [])
                {
                    if (chain.All(s => s.CourseId != candidate.Id) && Reachable(candidate) && holdings.MeetsPrerequisites(candidate)
                        && Cohort(candidate, freeFrom) is { } cohort && (soonest is null || cohort.Start < soonest.Value.Start))
                    {
                        (offer, soonest) = (candidate, cohort);
                    }
                }

                if (offer is null || soonest is null)
                {
                    return;
                }

                var after = holdings.After(offer);
                var step = Step(offer, soonest.Value, after, chainClosed, holdings, prerequisite: true);
                chain.Add(step);
                chainClosed.UnionWith(step.Closes);
                cost += offer.CostEuros;
                holdings = after;
                freeFrom = step.End.AddDays(1);
            }

            TryCourse(course, holdings, freeFrom, chain, chainClosed, cost, allowPrerequisiteCourse: true);
        }

        private PlanStep Step(CourseOffer course, Cohort cohort, Holdings after, HashSet<GapItem> closed, Holdings before, bool prerequisite)
        {
            var closes = items.Where(i => !closed.Contains(i) && !before.Satisfies(i) && after.Satisfies(i)).ToList();
            return new PlanStep(course.Id, course.Title, course.Provider, cohort.Start, CourseOffer.EndOf(cohort.Start, course.DurationWeeks),
                course.DurationWeeks, course.CostEuros, closes, prerequisite && closes.Count == 0)
            {
                Funding = course.Funding,
            };
        }

        /// <summary>The earliest cohort starting on or after the day, with a free seat, ending before the need starts.</summary>
        private Cohort? Cohort(CourseOffer course, DateOnly from)
        {
            Cohort? best = null;
            foreach (var cohort in course.Cohorts)
            {
                if (cohort.Start >= from && cohort.FreeSeats > 0 && CourseOffer.EndOf(cohort.Start, course.DurationWeeks) < need.PeriodStart
                    && (best is null || cohort.Start < best.Value.Start))
                {
                    best = cohort;
                }
            }

            return best;
        }

        private bool Promising(DateOnly end, decimal cost)
        {
            // A branch can only add closed items; it cannot end sooner or cost less than now. So once
            // the best plan closes everything, a branch must already be sooner or cheaper to matter.
            if (Best.Closed.Count < items.Count)
            {
                return true;
            }

            return end < Best.End || (end == Best.End && cost < Best.Cost);
        }

        /// <summary>
        /// Can a branch whose plans close at most <paramref name="attainable"/> items, end no sooner than
        /// <paramref name="end"/> and cost no less than <paramref name="cost"/> still beat the best plan?
        /// Plans are compared as in <see cref="Consider"/>: more closed, then sooner, then cheaper.
        /// </summary>
        private bool CanImprove(int attainable, DateOnly end, decimal cost)
        {
            var best = Best;
            return attainable > best.Closed.Count
                || (attainable == best.Closed.Count && (end < best.End || (end == best.End && cost < best.Cost)));
        }

        private void Consider(Candidate candidate)
        {
            var best = Best;
            var better = candidate.Closed.Count > best.Closed.Count
                || (candidate.Closed.Count == best.Closed.Count && (candidate.End < best.End || (candidate.End == best.End && candidate.Cost < best.Cost)));
            if (better)
            {
                Best = candidate;
            }
        }
    }
}
