using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Tests;

[Collection(ReferenceDataCollection.Name)]
public sealed class SkillSearchTests(ReferenceDataFixture fixture)
{
    private const string OperateForklift = "28cb374e-6261-4133-8371-f9a5470145da";
    private readonly SkillTaxonomy _taxonomy = fixture.Reference.Taxonomy;

    [Fact]
    public void Exact_German_label_ranks_first()
    {
        var hits = _taxonomy.SearchSkills("Gabelstapler bedienen", 10);
        Assert.Equal(OperateForklift, hits[0].Skill.Id);
        Assert.Equal(MatchKind.Exact, hits[0].MatchKind);
    }

    [Fact]
    public void Exact_English_label_ranks_first()
    {
        var hits = _taxonomy.SearchSkills("operate forklift", 10);
        Assert.Equal(OperateForklift, hits[0].Skill.Id);
    }

    [Theory]
    [InlineData("GABELSTAPLER BEDIENEN")]
    [InlineData("gabelstapler bedienen")]
    public void Search_ignores_case(string query) =>
        Assert.Equal(OperateForklift, _taxonomy.SearchSkills(query, 5)[0].Skill.Id);

    [Fact]
    public void Search_treats_umlaut_and_ae_spelling_alike()
    {
        var withUmlaut = _taxonomy.SearchSkills("Gemüse", 20).Select(h => h.Skill.Id).ToList();
        var spelledOut = _taxonomy.SearchSkills("Gemuese", 20).Select(h => h.Skill.Id).ToList();
        Assert.NotEmpty(withUmlaut);
        Assert.Equal(withUmlaut, spelledOut);
    }

    [Fact]
    public void Curated_synonym_finds_the_skill_an_employer_means()
    {
        var hit = _taxonomy.SearchSkills("Staplerschein", 5)[0];
        Assert.Equal(OperateForklift, hit.Skill.Id);
        Assert.Equal(LabelKind.Synonym, hit.LabelKind);
    }

    [Fact]
    public void Word_prefixes_find_labels()
    {
        var hits = _taxonomy.SearchSkills("gabelst bedi", 10);
        Assert.Contains(hits, h => h.Skill.Id == OperateForklift);
        Assert.All(hits, h => Assert.Equal(MatchKind.WordPrefixes, h.MatchKind));
    }

    [Fact]
    public void Exact_matches_rank_above_prefix_matches_above_word_matches()
    {
        var hits = _taxonomy.SearchSkills("Gabelstapler", 50);
        var kinds = hits.Select(h => (int)h.MatchKind).ToList();
        Assert.Equal(kinds.Order().ToList(), kinds);
        Assert.True(hits.Count > 1);
    }

    [Fact]
    public void Groups_are_not_returned_as_skills() =>
        Assert.DoesNotContain(_taxonomy.SearchSkills("Landwirtschaft", 100), h => h.Skill.Kind == SkillKind.Group);

    [Fact]
    public void Occupation_search_finds_German_gender_forms_and_synonyms()
    {
        Assert.Equal("bea705fe-06ac-4147-b8e0-6e8ac1208d8f", _taxonomy.SearchOccupations("Lagerarbeiterin", 5)[0].Occupation.Id);
        var picker = _taxonomy.SearchOccupations("Kommissionierer", 5);
        Assert.Equal("cd94def5-3442-4c2e-ae3d-0761a3008bcb", picker[0].Occupation.Id);
    }

    [Fact]
    public void Nothing_matches_nonsense() => Assert.Empty(_taxonomy.SearchSkills("xqzvw", 10));
}
