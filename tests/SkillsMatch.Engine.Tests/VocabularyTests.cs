using SkillsMatch.Engine.Reference;

namespace SkillsMatch.Engine.Tests;

[Collection(ReferenceDataCollection.Name)]
public sealed class VocabularyTests(ReferenceDataFixture fixture)
{
    private readonly ReferenceData _reference = fixture.Reference;

    [Fact]
    public void Every_synonym_points_at_something_that_exists()
    {
        Assert.All(_reference.Vocabulary.Synonyms, synonym =>
        {
            var exists = synonym.Target switch
            {
                SynonymTarget.Skill => _reference.Taxonomy.FindSkill(synonym.TargetId) is not null,
                SynonymTarget.Occupation => _reference.Taxonomy.FindOccupation(synonym.TargetId) is not null,
                SynonymTarget.Certificate => _reference.Vocabulary.FindCertificate(synonym.TargetId) is not null,
                SynonymTarget.Language => _reference.Vocabulary.FindLanguage(synonym.TargetId.Split(':')[0]) is not null,
                _ => false,
            };
            Assert.True(exists, $"{synonym.Term} → {synonym.Target} {synonym.TargetId}");
        });
    }

    [Theory]
    [InlineData("Staplerschein", SynonymTarget.Certificate, "FORKLIFT")]
    [InlineData("Deutsch B1", SynonymTarget.Language, "de:B1")]
    [InlineData("Kommissionierer", SynonymTarget.Occupation, "cd94def5-3442-4c2e-ae3d-0761a3008bcb")]
    public void Everyday_words_of_employers_are_covered(string term, SynonymTarget target, string id) =>
        Assert.Contains(_reference.Vocabulary.Synonyms, s => s.Term == term && s.Target == target && s.TargetId == id);

    [Fact]
    public void Every_certificate_that_attests_a_skill_names_an_existing_skill() =>
        Assert.All(_reference.Vocabulary.Certificates.Where(c => c.SkillId is not null), c => Assert.NotNull(_reference.Taxonomy.FindSkill(c.SkillId!)));

    [Fact]
    public void Every_certificate_has_an_everyday_German_word() =>
        Assert.All(_reference.Vocabulary.Certificates, c =>
            Assert.Contains(_reference.Vocabulary.Synonyms, s => s.Target == SynonymTarget.Certificate && s.TargetId == c.Code));
}
