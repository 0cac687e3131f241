using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Tests;

[Collection(ReferenceDataCollection.Name)]
public sealed class TaxonomyLoadingTests(ReferenceDataFixture fixture)
{
    private readonly ReferenceData _reference = fixture.Reference;

    [Fact]
    public void Loads_every_ESCO_skill_group_and_occupation()
    {
        var skills = _reference.Taxonomy.Skills;
        Assert.Equal(13_896, skills.Count(s => s.Kind != SkillKind.Group));
        Assert.Equal(640, skills.Count(s => s.Kind == SkillKind.Group));
        Assert.Equal(3_007, _reference.Taxonomy.Occupations.Count);
    }

    [Fact]
    public void A_skill_has_German_and_English_labels_type_and_reuse_level()
    {
        var forklift = _reference.Taxonomy.FindSkill("28cb374e-6261-4133-8371-f9a5470145da");
        Assert.NotNull(forklift);
        Assert.Equal("operate forklift", forklift.LabelEn);
        Assert.Equal("Gabelstapler bedienen", forklift.LabelDe);
        Assert.Equal(SkillKind.Skill, forklift.Kind);
        Assert.NotEqual(ReuseLevel.None, forklift.Reuse);
        Assert.NotEmpty(forklift.AltLabelsEn);
    }

    [Fact]
    public void Skills_keep_their_hierarchy_and_related_skills()
    {
        var skills = _reference.Taxonomy.Skills;
        Assert.True(skills.Count(s => s.Kind != SkillKind.Group && s.Broader.Length > 0) > 13_000);
        Assert.Equal(5_899, skills.Sum(s => s.RelatedEssential.Length + s.RelatedOptional.Length));
        Assert.All(skills.SelectMany(s => s.Broader.Concat(s.RelatedEssential).Concat(s.RelatedOptional)), i => Assert.InRange(i, 0, skills.Count - 1));
    }

    [Fact]
    public void An_occupation_has_ISCO_group_labels_and_essential_and_optional_skills()
    {
        var warehouse = _reference.Taxonomy.FindOccupation("bea705fe-06ac-4147-b8e0-6e8ac1208d8f");
        Assert.NotNull(warehouse);
        Assert.Equal("warehouse worker", warehouse.LabelEn);
        Assert.StartsWith("Lagerarbeiter", warehouse.LabelDe, StringComparison.Ordinal);
        Assert.Equal("9333", warehouse.IscoGroup);
        Assert.NotEmpty(warehouse.EssentialSkills);
        Assert.NotEmpty(warehouse.OptionalSkills);
        Assert.Equal(123_788, _reference.Taxonomy.Occupations.Sum(o => o.EssentialSkills.Length + o.OptionalSkills.Length));
    }

    [Fact]
    public void Regions_hold_the_county_and_its_neighbours_with_coordinates()
    {
        var regions = _reference.Regions.Municipalities;
        Assert.Equal(270, regions.Count);
        Assert.Equal(64, regions.Count(m => m.DistrictAgs == "07339"));
        var bingen = _reference.Regions.Find("07339005");
        Assert.NotNull(bingen);
        Assert.StartsWith("Bingen am Rhein", bingen.Name, StringComparison.Ordinal);
        Assert.Equal("55411", bingen.Postcode);
        Assert.InRange(bingen.Latitude, 49.9, 50.0);
        Assert.True(_reference.Regions.ContainsRegion("07339"));
        Assert.False(_reference.Regions.ContainsRegion("99999"));
    }

    [Fact]
    public void Reference_data_load_again_from_disk_to_the_same_content()
    {
        // Load time is measured in bench/ (docs/benchmarks.md), not asserted here.
        var again = ReferenceData.Load(_reference.DataDirectory);
        Assert.Equal(_reference.Taxonomy.Skills.Select(s => s.Id), again.Taxonomy.Skills.Select(s => s.Id));
        Assert.Equal(_reference.Vocabulary.Synonyms.Count, again.Vocabulary.Synonyms.Count);
        Assert.Equal(_reference.Regions.Municipalities.Count, again.Regions.Municipalities.Count);
    }
}
