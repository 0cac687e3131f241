using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Tests;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Führerschein Klasse C/CE", "fuehrerschein klasse c ce")]
    [InlineData("fuehrerschein   klasse c ce", "fuehrerschein klasse c ce")]
    [InlineData("Straße", "strasse")]
    [InlineData("  Änderungs-Schneiderei ", "aenderungs schneiderei")]
    [InlineData("Café Crème", "cafe creme")]
    [InlineData("ÖL & Gas", "oel gas")]
    [InlineData("", "")]
    public void Folds_case_umlauts_diacritics_and_punctuation(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Umlaut_and_its_spelling_with_e_fold_to_the_same_text() =>
        Assert.Equal(TextNormalizer.Normalize("Gärtner"), TextNormalizer.Normalize("GAERTNER"));
}
