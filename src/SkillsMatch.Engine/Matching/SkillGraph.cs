using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Matching;

/// <summary>
/// For each skill, the skills that earn partial credit for it: ESCO related skills (either
/// direction), broader skills that are not groups, and narrower skills. Built once per taxonomy.
/// </summary>
internal sealed class SkillGraph
{
    private readonly int[][] _neighbours;

    public SkillGraph(SkillTaxonomy taxonomy)
    {
        var skills = taxonomy.Skills;
        var sets = new HashSet<int>[skills.Count];
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i] = [];
        }

        foreach (var skill in skills)
        {
            if (skill.Kind == SkillKind.Group)
            {
                continue;
            }

            foreach (var other in skill.RelatedEssential.Concat(skill.RelatedOptional))
            {
                sets[skill.Index].Add(other);
                sets[other].Add(skill.Index);
            }

            foreach (var parent in skill.Broader.Where(p => skills[p].Kind != SkillKind.Group))
            {
                sets[skill.Index].Add(parent);
                sets[parent].Add(skill.Index);
            }
        }

        _neighbours = [.. sets.Select((set, i) => set.Where(n => n != i).Order().ToArray())];
    }

    public int[] Neighbours(int skill) => _neighbours[skill];
}
