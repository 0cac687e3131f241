using SkillsMatch.Engine.Intake;

namespace SkillsMatch.Engine.Tests;

[Collection(ReferenceDataCollection.Name)]
public sealed class TermSearchTests(ReferenceDataFixture fixture)
{
    private const string OperateForklift = "28cb374e-6261-4133-8371-f9a5470145da";
    private const string ForkliftDriver = "eeac6251-1974-42f5-91ed-513c6c883755";
    private const string WarehouseWorker = "bea705fe-06ac-4147-b8e0-6e8ac1208d8f";
    private const string OrderPicker = "cd94def5-3442-4c2e-ae3d-0761a3008bcb";
    private const string FruitPicker = "373db468-bd25-4b67-a6e0-4ac79d9a9e85";
    private const string Waiter = "d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471";
    private const string VehicleCleaner = "7cb71c5f-c310-481c-b46b-d0044328758c";

    private readonly TermSearch _search = fixture.Reference.Terms;

    private IReadOnlyList<TermHit> Top3(string phrase) => _search.Search(phrase, 3);

    [Theory]
    [InlineData("Staplerfahrer", ForkliftDriver)]
    [InlineData("Lagerarbeiterin", WarehouseWorker)]
    public void Compound_job_titles_find_their_occupation(string phrase, string occupation) =>
        Assert.Contains(Top3(phrase), h => h.Kind == TermKind.Occupation && h.Id == occupation);

    [Fact]
    public void Words_ESCO_uses_for_the_same_thing_are_mined_from_its_label_variants()
    {
        var index = TermIndex.Build(fixture.Reference);
        Assert.True(index.EquivalentPairs > 500);
        Assert.Contains(index.Analyse("Abfallsortierer")[0].Stem, index.Equivalents(index.Analyse("Müllsortierer")[0].Stem));

        // "Auto" ~ "Fahrzeug" (Autolackierer/Fahrzeuglackierer, …) finds the vehicle cleaner, whose labels never say "Auto…reiniger".
        Assert.Contains(Top3("Autoreiniger"), h => h.Kind == TermKind.Occupation && h.Id == VehicleCleaner);
    }

    [Fact]
    public void Compound_is_split_into_known_words()
    {
        var index = TermIndex.Build(fixture.Reference);
        var word = Assert.Single(index.Analyse("Lagerlogistik"));
        Assert.Equal([GermanWordAnalyzer.Stem("lager"), GermanWordAnalyzer.Stem("logistik")], word.Parts);
    }

    [Fact]
    public void Compound_phrase_finds_a_cleaning_skill()
    {
        var top = Top3("Unterhaltsreinigung");
        Assert.Contains(top, h => h.Kind == TermKind.Skill && h.Label.Contains("reinigen", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Erntehelfern")]
    [InlineData("Erntehelferin")]
    [InlineData("Erntehelfer")]
    public void Plurals_and_feminine_forms_find_the_same_occupation(string phrase) =>
        Assert.Contains(Top3(phrase), h => h.Kind == TermKind.Occupation && h.Id == FruitPicker);

    [Fact]
    public void Inflected_forms_share_a_stem() =>
        Assert.Equal(GermanWordAnalyzer.Stem("Kenntnis".ToLowerInvariant()), GermanWordAnalyzer.Stem("kenntnisse"));

    [Theory]
    [InlineData("Kellner", "Kelner")]
    [InlineData("Kommissionierer", "Komissionierer")]
    [InlineData("Lagerarbeiter", "Lagerarbieter")]
    [InlineData("Gabelstaplerfahrer", "Gabelstaplerfaher")]
    public void A_typo_finds_what_the_correct_spelling_finds(string correct, string typo)
    {
        var expected = Top3(correct)[0];
        Assert.Contains(Top3(typo), h => h.Kind == expected.Kind && h.Id == expected.Id);
    }

    [Fact]
    public void A_typo_does_not_beat_an_exact_hit()
    {
        // "Kellner" is a word of its own; a label one edit away must not outrank it.
        var top = Top3("Kellner")[0];
        Assert.Equal(Waiter, top.Id);
        Assert.True(top.Score > Top3("Kelner")[0].Score);
    }

    [Fact]
    public void Short_words_are_not_corrected() =>
        Assert.DoesNotContain(_search.Search("Kasx", 3), h => h.MatchedLabel.Contains("Kasse", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("Deutschkenntnisse", "de")]
    [InlineData("gute Deutschkenntnisse", "de")]
    [InlineData("Deutsch in Wort und Schrift", "de")]
    [InlineData("Englisch fließend", "en")]
    [InlineData("Englisch fliessend", "en")]
    [InlineData("Polnisch B1", "pl")]
    public void Language_phrases_are_routed_to_the_language(string phrase, string code)
    {
        var top = Top3(phrase)[0];
        Assert.Equal(TermKind.Language, top.Kind);
        Assert.Equal(code, top.Id);
    }

    [Fact]
    public void A_country_is_not_a_language() =>
        Assert.DoesNotContain(_search.Search("Deutschland", 5), h => h.Kind == TermKind.Language);

    [Theory]
    [InlineData("Führerschein CE", "LIC-CE")]
    [InlineData("Fuehrerschein Klasse CE", "LIC-CE")]
    [InlineData("Führerschein C", "LIC-C")]
    [InlineData("Staplerschein", "FORKLIFT")]
    [InlineData("Gesundheitszeugnis", "IFSG-43")]
    [InlineData("Sachkundeprüfung 34a", "SACHKUNDE-34A")]
    public void Certificate_phrases_are_routed_to_the_certificate(string phrase, string code) =>
        Assert.Contains(Top3(phrase), h => h.Kind == TermKind.Certificate && h.Id == code);

    [Fact]
    public void A_job_title_gives_its_occupation_and_a_characteristic_skill()
    {
        var top = Top3("Kommissionierer");
        var occupation = Assert.Single(top, h => h.Kind == TermKind.Occupation && h.Id == OrderPicker);
        var essential = fixture.Reference.Taxonomy.FindOccupation(OrderPicker)!.EssentialSkills
            .Select(i => fixture.Reference.Taxonomy.Skills[i].Id);
        Assert.Contains(top, h => h.Kind == TermKind.Skill && essential.Contains(h.Id) && h.Score < occupation.Score);
    }

    [Fact]
    public void The_characteristic_skill_shares_a_word_with_the_title()
    {
        var skill = _search.CharacteristicSkill(ForkliftDriver);
        Assert.Equal(OperateForklift, skill?.Id);
    }

    [Theory]
    [InlineData("xyzzy")]
    [InlineData("qwrtzp")]
    [InlineData("")]
    [InlineData("  ")]
    public void Nonsense_finds_nothing(string phrase) => Assert.Empty(_search.Search(phrase, 5));

    [Fact]
    public void Umlaut_spellings_find_the_same_hits()
    {
        var umlaut = Top3("Gebäudereiniger").Select(h => (h.Kind, h.Id));
        var spelled = Top3("Gebaeudereiniger").Select(h => (h.Kind, h.Id));
        Assert.Equal(umlaut, spelled);
    }

    [Fact]
    public void Hits_are_ordered_best_first_and_limited()
    {
        var hits = _search.Search("Reinigung", 7);
        Assert.Equal(7, hits.Count);
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Score), hits.Select(h => h.Score));
        Assert.Equal(hits.Count, hits.DistinctBy(h => (h.Kind, h.Id)).Count());
    }

    [Fact]
    public void Search_is_safe_from_several_threads()
    {
        var phrases = new[] { "Kasse", "Lagerlogistik", "Deutschkenntnisse", "Staplerfahrer", "Kelner" };
        var expected = phrases.Select(p => Top3(p).Select(h => h.Id).ToList()).ToList();
        Parallel.For(0, 40, i => Assert.Equal(expected[i % phrases.Length], Top3(phrases[i % phrases.Length]).Select(h => h.Id).ToList()));
    }

    [Theory]
    [InlineData("metallbauer", "metallbau", true)]
    [InlineData("spueler", "spuelen", true)]
    [InlineData("metallbauerin", "metallbau", true)]
    [InlineData("lager", "lagerung", false)]
    [InlineData("erntehelfer", "erntehelfern", false)]
    [InlineData("schweisser", "schweisser", false)]
    public void Person_form_of_a_word_is_told_apart(string label, string query, bool expected) =>
        Assert.Equal(expected, TermIndex.IsPersonFormOf(label, query));

    [Fact]
    public void Trade_or_activity_does_not_resolve_to_the_person_as_an_exact_hit()
    {
        // "Metallbau" is the trade; "Maschinenfeiler" (alt label "Metallbauer") is a person, and only a near hit.
        var trade = _search.Search("Metallbau", 5);
        Assert.DoesNotContain(trade, h => h.MatchedLabel == "Metallbauer" && h.Score >= 1000);
        var washing = _search.Search("Spülen", 5);
        Assert.DoesNotContain(washing, h => h.MatchedLabel == "Spüler" && h.Score >= 1000);
    }
}
