namespace SkillsMatch.Engine.Taxonomy;

public enum SkillKind
{
    Skill,
    Knowledge,
    Group,
}

public enum ReuseLevel
{
    None,
    Transversal,
    CrossSector,
    SectorSpecific,
    OccupationSpecific,
}

/// <summary>An ESCO skill, knowledge item or skill group; related concepts are held as indices into <see cref="SkillTaxonomy.Skills"/>.</summary>
public sealed class Skill
{
    public required int Index { get; init; }
    public required string Id { get; init; }
    public required SkillKind Kind { get; init; }
    public required ReuseLevel Reuse { get; init; }
    public required string LabelEn { get; init; }
    public required string LabelDe { get; init; }
    public required string[] AltLabelsEn { get; init; }
    public required string[] AltLabelsDe { get; init; }
    public required int[] Broader { get; init; }
    public required int[] RelatedEssential { get; init; }
    public required int[] RelatedOptional { get; init; }

    public string Label(Language language) => language == Language.German && LabelDe.Length > 0 ? LabelDe : LabelEn;
}

/// <summary>An ESCO occupation with its ISCO-08 unit group and the skills ESCO lists for it.</summary>
public sealed class Occupation
{
    public required int Index { get; init; }
    public required string Id { get; init; }
    public required string IscoGroup { get; init; }
    public required string Code { get; init; }
    public required string LabelEn { get; init; }
    public required string LabelDe { get; init; }
    public required string[] AltLabelsEn { get; init; }
    public required string[] AltLabelsDe { get; init; }
    public required int[] EssentialSkills { get; init; }
    public required int[] OptionalSkills { get; init; }

    public string Label(Language language) => language == Language.German && LabelDe.Length > 0 ? LabelDe : LabelEn;
}

public enum Language
{
    German,
    English,
}
