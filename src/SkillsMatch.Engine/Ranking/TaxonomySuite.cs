using System.Globalization;
using System.Text;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Ranking;

/// <summary>Retrieval quality on the taxonomy suite, averaged over its needs (relevant = grade ≥ 1).</summary>
public sealed record TaxonomyQuality(double Ndcg10, double P10, double Recall100, int Needs);

/// <summary>A need of the suite and the grade of every profile relevant to it (absent = 0).</summary>
public sealed record TaxonomyCase(NeedProfile Need, string OccupationId, IReadOnlyDictionary<int, int> Relevance);

/// <summary>
/// An evaluation suite the project's own outcomes did not generate: needs and profiles drawn from
/// the ESCO occupations, judged by the taxonomy. A need takes 3–6 essential and 0–4 optional
/// skills of an occupation; a profile keeps 40–90 % of its occupation's essential and optional
/// skills plus 1–3 skills of other occupations. Grade 2 when the profile's occupation is the
/// need's, 1 when both are in the same ISCO-08 unit group (which holds every ESCO broader or
/// narrower occupation, so the compact data need not carry that hierarchy), else 0.
/// The comparison is on skills only: needs name their occupation but profiles carry no
/// experience, every profile lives in the need's municipality, works the hours, is available
/// now, holds every skill at or above the required level, and no need asks for a certificate
/// or language. The same seed gives the same suite.
/// </summary>
public sealed class TaxonomySuite
{
    public const int RequiredLevel = 2;
    public static readonly DateOnly Today = new(2026, 11, 2);

    private CandidateIndex? _index;
    private Bm25Peer? _bm25;
    private Bm25Peer? _bm25Flat;

    private TaxonomySuite(ReferenceData reference, IReadOnlyList<TaxonomyCase> cases, IReadOnlyList<ClientProfile> profiles, int seed)
    {
        Reference = reference;
        Cases = cases;
        Profiles = profiles;
        Seed = seed;
    }

    public ReferenceData Reference { get; }

    public IReadOnlyList<TaxonomyCase> Cases { get; }

    public IReadOnlyList<ClientProfile> Profiles { get; }

    public int Seed { get; }

    /// <summary>The profiles in a candidate index, as the server fills it.</summary>
    public CandidateIndex Index => _index ??= CandidateIndex.Build(Reference, Profiles);

    public static TaxonomySuite Build(ReferenceData reference, int seed = 2025, int needs = 200, int profiles = 4000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(needs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(profiles, 1);
        var random = new Random(seed);
        var occupations = reference.Taxonomy.Occupations;
        var municipality = reference.Regions.Municipalities[0].Ags;
        var eligible = occupations.Where(o => o.EssentialSkills.Length >= 3).ToArray();
        random.Shuffle(eligible);
        var chosen = eligible.Take(needs).ToArray();
        var byGroup = occupations.GroupBy(o => o.IscoGroup).ToDictionary(g => g.Key, g => g.ToArray());
        var withSkills = occupations.Where(o => o.EssentialSkills.Length + o.OptionalSkills.Length > 0).ToArray();

        var needProfiles = new List<NeedProfile>(chosen.Length);
        foreach (var occupation in chosen)
        {
            var must = Sample(random, occupation.EssentialSkills, random.Next(3, 7));
            var nice = Sample(random, occupation.OptionalSkills, random.Next(0, 5));
            needProfiles.Add(new NeedProfile(
                needProfiles.Count + 1,
                occupation.Id,
                [.. must.Select(s => new SkillLevel(reference.Taxonomy.Skills[s].Id, RequiredLevel))],
                [.. nice.Select(s => new SkillLevel(reference.Taxonomy.Skills[s].Id, RequiredLevel))],
                [],
                [],
                Today.AddDays(28),
                40,
                municipality,
                null));
        }

        var pool = new List<ClientProfile>(profiles);
        var profileOccupations = new Occupation[profiles];
        for (var id = 1; id <= profiles; id++)
        {
            // Two profiles of every need's occupation first, so every need has someone to find;
            // then 40 % from the needs' occupations, 20 % from their unit-group siblings, 40 % any.
            var roll = random.NextDouble();
            var occupation = id <= 2 * chosen.Length ? chosen[(id - 1) % chosen.Length]
                : roll < 0.4 ? chosen[random.Next(chosen.Length)]
                : roll < 0.6 ? Sibling(random, chosen[random.Next(chosen.Length)], byGroup)
                : withSkills[random.Next(withSkills.Length)];
            profileOccupations[id - 1] = occupation;
            pool.Add(Profile(random, id, occupation, withSkills, reference.Taxonomy, municipality));
        }

        var cases = new List<TaxonomyCase>(needProfiles.Count);
        for (var n = 0; n < needProfiles.Count; n++)
        {
            var relevance = new Dictionary<int, int>();
            for (var p = 0; p < pool.Count; p++)
            {
                var grade = profileOccupations[p] == chosen[n] ? 2 : profileOccupations[p].IscoGroup == chosen[n].IscoGroup ? 1 : 0;
                if (grade > 0)
                {
                    relevance[pool[p].Id] = grade;
                }
            }

            cases.Add(new TaxonomyCase(needProfiles[n], chosen[n].Id, relevance));
        }

        return new TaxonomySuite(reference, cases, pool, seed);
    }

    /// <summary>Ranks every need with <paramref name="rank"/> (client ids, best first) and averages the metrics.</summary>
    public TaxonomyQuality Evaluate(Func<NeedProfile, IReadOnlyList<int>> rank)
    {
        double ndcg = 0, precision = 0, recall = 0;
        var evaluated = 0;
        foreach (var c in Cases)
        {
            var relevant = c.Relevance.Count;
            if (relevant == 0)
            {
                continue;
            }

            var ranked = rank(c.Need);
            var grades = ranked.Select(id => c.Relevance.GetValueOrDefault(id)).ToArray();
            var ideal = c.Relevance.Values.OrderDescending().ToArray();
            ndcg += Dcg(grades, 10) / Dcg(ideal, 10);
            precision += grades.Take(10).Count(g => g >= 1) / 10.0;
            recall += grades.Take(100).Count(g => g >= 1) / (double)relevant;
            evaluated++;
        }

        return evaluated == 0 ? new TaxonomyQuality(0, 0, 0, 0) : new TaxonomyQuality(ndcg / evaluated, precision / evaluated, recall / evaluated, evaluated);
    }

    /// <summary>The engine's matcher over the suite's index with a ranker (the heuristic when none is given).</summary>
    public TaxonomyQuality EvaluateMatcher(Ranker? ranker = null, MatchingOptions? options = null) =>
        EvaluateMatcher(index => new Matcher(index, options, training: null, ranker));

    /// <summary>The engine's matcher as <paramref name="create"/> makes it over the suite's index.</summary>
    public TaxonomyQuality EvaluateMatcher(Func<CandidateIndex, Matcher> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var matcher = create(Index);
        return Evaluate(need => [.. matcher.CandidatesFor(need, 100, Today, Language.German).Select(c => c.ClientId)]);
    }

    /// <summary>Textbook BM25 over the need's must-have and nice-to-have skill ids.</summary>
    public TaxonomyQuality EvaluateBm25()
    {
        var bm25 = _bm25 ??= new Bm25Peer(Reference.Taxonomy, Profiles);
        return Evaluate(need => [.. bm25.Search(QueryOf(need), 100).Select(r => r.ClientId)]);
    }

    /// <summary>
    /// BM25 held to the heuristic's rule that nice-to-haves never outweigh one must-have: must-have
    /// terms at boost 1, nice-to-have terms boosted so their idf sum is <see cref="NiceShareOfLightestMust"/>
    /// of the lightest must-have's idf. With <paramref name="lengthNormalised"/> false every profile
    /// counts as of average length (b = 0 in effect), so a client is not marked down for listing many skills.
    /// </summary>
    public TaxonomyQuality EvaluateBm25MustFirst(bool lengthNormalised = true)
    {
        var bm25 = lengthNormalised ? _bm25 ??= new Bm25Peer(Reference.Taxonomy, Profiles) : _bm25Flat ??= new Bm25Peer(Reference.Taxonomy, Profiles, _ => 1);
        return Evaluate(need => [.. bm25.Search(MustFirstQueryOf(need, bm25), 100).Select(r => r.ClientId)]);
    }

    /// <summary>BM25 over the must-have skills alone.</summary>
    public TaxonomyQuality EvaluateBm25MustOnly()
    {
        var bm25 = _bm25 ??= new Bm25Peer(Reference.Taxonomy, Profiles);
        return Evaluate(need => [.. bm25.Search(need.MustHave.Select(s => s.SkillId), 100).Select(r => r.ClientId)]);
    }

    /// <summary>The share of the lightest must-have's weight all nice-to-haves together may reach, as in the heuristic's skill fit.</summary>
    public const double NiceShareOfLightestMust = 0.9;

    /// <summary>The boosted query of <see cref="EvaluateBm25MustFirst"/>.</summary>
    public static IEnumerable<(string SkillId, double Boost)> MustFirstQueryOf(NeedProfile need, Bm25Peer bm25)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(bm25);
        var must = need.MustHave.Select(s => s.SkillId).Distinct(StringComparer.Ordinal).ToArray();
        var nice = need.NiceToHave.Select(s => s.SkillId).Distinct(StringComparer.Ordinal).Except(must, StringComparer.Ordinal).ToArray();
        var niceIdf = nice.Sum(bm25.Idf);
        var boost = must.Length == 0 ? 1 : niceIdf <= 0 ? 0 : NiceShareOfLightestMust * must.Min(bm25.Idf) / niceIdf;
        return must.Select(s => (s, 1.0)).Concat(nice.Select(s => (s, boost)));
    }

    /// <summary>The skill ids a bag-of-skills peer searches for: must-haves, then nice-to-haves.</summary>
    public static IEnumerable<string> QueryOf(NeedProfile need) =>
        need.MustHave.Concat(need.NiceToHave).Select(s => s.SkillId).Distinct(StringComparer.Ordinal);

    /// <summary>A canonical text of the suite's cases and profiles; equal texts mean equal suites.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        foreach (var k in Cases)
        {
            text.AppendLine(c, $"need {k.Need.Id} {k.OccupationId} must {string.Join(',', k.Need.MustHave)} nice {string.Join(',', k.Need.NiceToHave)} " +
                $"relevant {string.Join(',', k.Relevance.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"))}");
        }

        foreach (var p in Profiles)
        {
            text.AppendLine(c, $"client {p.Id} {string.Join(',', p.Skills)} {p.HomeMunicipalityAgs} {p.HoursPerWeek} {p.AvailableFrom:yyyy-MM-dd}");
        }

        return text.ToString();
    }

    private static ClientProfile Profile(Random random, int id, Occupation occupation, Occupation[] withSkills, SkillTaxonomy taxonomy, string municipality)
    {
        var own = occupation.EssentialSkills.Concat(occupation.OptionalSkills).Distinct().ToArray();
        var keep = 0.4 + (random.NextDouble() * 0.5);
        var skills = own.Where(_ => random.NextDouble() < keep).ToList();
        if (skills.Count == 0)
        {
            skills.Add(own[random.Next(own.Length)]);
        }

        for (var noise = random.Next(1, 4); noise > 0; noise--)
        {
            var other = withSkills[random.Next(withSkills.Length)];
            var pick = other.EssentialSkills.Concat(other.OptionalSkills).ElementAt(random.Next(other.EssentialSkills.Length + other.OptionalSkills.Length));
            if (!skills.Contains(pick))
            {
                skills.Add(pick);
            }
        }

        return new ClientProfile(
            id,
            [.. skills.Select(s => new SkillLevel(taxonomy.Skills[s].Id, random.Next(RequiredLevel, 5)))],
            [],
            [],
            [],
            // One date for all: a varying availability slack would be a feature the taxonomy does not grade.
            Today,
            40,
            DrivingLicence: true,
            HasCar: true,
            MaxCommuteMinutes: 60,
            municipality);
    }

    private static Occupation Sibling(Random random, Occupation occupation, Dictionary<string, Occupation[]> byGroup)
    {
        var group = byGroup[occupation.IscoGroup];
        var others = group.Where(o => o != occupation && o.EssentialSkills.Length + o.OptionalSkills.Length > 0).ToArray();
        return others.Length == 0 ? occupation : others[random.Next(others.Length)];
    }

    /// <summary>Up to <paramref name="count"/> distinct items, in the order drawn.</summary>
    private static int[] Sample(Random random, int[] items, int count)
    {
        var copy = items.Distinct().ToArray();
        random.Shuffle(copy);
        return copy[..Math.Min(count, copy.Length)];
    }

    private static double Dcg(int[] grades, int k)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(k, grades.Length); i++)
        {
            dcg += (Math.Pow(2, grades[i]) - 1) / Math.Log2(i + 2);
        }

        return dcg;
    }
}
