using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Benchmarks;

/// <summary>
/// Synthetic profiles and needs over the real ESCO skills, with Zipf-skewed skill popularity
/// (a few skills are very common, most are rare), spread over every municipality with every
/// one in commute reach: the worst case for retrieval, since no constraint prunes anything.
/// </summary>
public sealed class SyntheticData
{
    public const double ZipfExponent = 1.0;
    private readonly ReferenceData _reference;
    private readonly string[] _skillsByPopularity;
    private readonly double[] _cumulative;
    private readonly string[] _municipalities;
    private readonly string[] _occupations;

    public SyntheticData(ReferenceData reference, int seed = 42)
    {
        _reference = reference;
        var random = new Random(seed);
        _skillsByPopularity = [.. reference.Taxonomy.Skills.Where(s => s.Kind != SkillKind.Group).Select(s => s.Id).OrderBy(_ => random.Next())];
        _cumulative = new double[_skillsByPopularity.Length];
        var sum = 0.0;
        for (var rank = 0; rank < _cumulative.Length; rank++)
        {
            sum += 1 / Math.Pow(rank + 1, ZipfExponent);
            _cumulative[rank] = sum;
        }

        for (var rank = 0; rank < _cumulative.Length; rank++)
        {
            _cumulative[rank] /= sum;
        }

        _municipalities = [.. reference.Regions.Municipalities.Select(m => m.Ags)];
        _occupations = [.. reference.Taxonomy.Occupations.Select(o => o.Id)];
    }

    public IEnumerable<ClientProfile> Clients(int count, int seed = 7)
    {
        var random = new Random(seed);
        var from = new DateOnly(2026, 10, 1);
        for (var id = 1; id <= count; id++)
        {
            var skills = DistinctSkills(random, random.Next(6, 17)).Select(s => new SkillLevel(s, random.Next(1, 5))).ToList();
            yield return new ClientProfile(
                id,
                skills,
                [],
                [new LanguageLevel("de", 6)],
                [new Experience(_occupations[random.Next(_occupations.Length)], random.Next(1, 20) / 2.0)],
                from.AddDays(random.Next(0, 30)),
                40,
                true,
                true,
                240,
                _municipalities[random.Next(_municipalities.Length)]);
        }
    }

    public List<NeedProfile> Needs(int count, int seed = 99)
    {
        var random = new Random(seed);
        var needs = new List<NeedProfile>(count);
        for (var id = 1; id <= count; id++)
        {
            var skills = DistinctSkills(random, random.Next(4, 9));
            var must = random.Next(3, 6);
            needs.Add(new NeedProfile(
                id,
                _occupations[random.Next(_occupations.Length)],
                [.. skills.Take(must).Select(s => new SkillLevel(s, random.Next(1, 4)))],
                [.. skills.Skip(must).Select(s => new SkillLevel(s, 1))],
                [],
                [new LanguageLevel("de", 3)],
                new DateOnly(2026, 12, 1),
                40,
                _municipalities[random.Next(_municipalities.Length)],
                null));
        }

        return needs;
    }

    private List<string> DistinctSkills(Random random, int count)
    {
        var chosen = new List<string>(count);
        while (chosen.Count < count)
        {
            var rank = Array.BinarySearch(_cumulative, random.NextDouble());
            var skill = _skillsByPopularity[rank < 0 ? ~rank : rank];
            if (!chosen.Contains(skill))
            {
                chosen.Add(skill);
            }
        }

        return chosen;
    }

    public ReferenceData Reference => _reference;
}
