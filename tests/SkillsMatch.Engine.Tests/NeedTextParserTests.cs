using SkillsMatch.Engine.Intake;

namespace SkillsMatch.Engine.Tests;

[Collection(ReferenceDataCollection.Name)]
public sealed class NeedTextParserTests(ReferenceDataFixture fixture)
{
    private const string GrapeHarvest = "06b1f593-ac31-42ba-a2cd-5d86c755b416";
    private const string Ingelheim = "07339030";
    private static readonly DateOnly Spring = new(2027, 3, 15);

    private readonly NeedTextParser _parser = new(fixture.Reference);

    private NeedDraft Parse(string text, DateOnly? today = null) => _parser.Parse(text, today ?? Spring);

    [Fact]
    public void Issue_example_reads_as_the_employer_meant_it()
    {
        const string text = "Wir suchen ab 1. September für 8 Wochen 3 Erntehelfer für die Weinlese in Ingelheim, Staplerschein von Vorteil, Deutsch A2";
        var draft = Parse(text, new DateOnly(2027, 6, 1));

        Assert.Equal("Vacancy", draft.Kind);
        Assert.Equal(3, draft.Headcount);
        Assert.Equal(new DateOnly(2027, 9, 1), draft.PeriodStart);
        Assert.Equal(new DateOnly(2027, 10, 26), draft.PeriodEnd);
        Assert.Equal([GrapeHarvest], draft.MustHave);
        Assert.Empty(draft.NiceToHave);
        Assert.Empty(draft.MustCertificates);
        Assert.Equal(["FORKLIFT"], draft.NiceCertificates);
        Assert.Equal([new DraftLanguage("de", "A2")], draft.Languages);
        Assert.Equal(Ingelheim, draft.MunicipalityAgs);
        Assert.Equal("Erntehelfer", draft.Title);

        // Every item points at the words it was read from.
        Assert.Equal("Weinlese", Span(text, draft, DraftField.MustHaveSkill));
        Assert.Equal("Staplerschein", Span(text, draft, DraftField.Certificate));
        Assert.Equal("Ingelheim", Span(text, draft, DraftField.Municipality));
        Assert.Equal("für 8 Wochen", Span(text, draft, DraftField.PeriodEnd));
        Assert.Equal("3 Erntehelfer", Span(text, draft, DraftField.Headcount));
        Assert.False(draft.Items.Single(i => i.Field == DraftField.Certificate).MustHave);
        Assert.Empty(draft.Unresolved);
    }

    private static string Span(string text, NeedDraft draft, DraftField field)
    {
        var span = draft.Items.First(i => i.Field == field).Span;
        return text.Substring(span.Start, span.Length);
    }

    [Theory]
    [InlineData("ab 1. September", "2027-09-01")]
    [InlineData("ab 01.09.", "2027-09-01")]
    [InlineData("ab dem 1.9.", "2027-09-01")]
    [InlineData("zum 15.3.2028", "2028-03-15")]
    [InlineData("ab Mai", "2027-05-01")]
    [InlineData("from September 5", "2027-09-05")]
    [InlineData("from 1 October", "2027-10-01")]
    [InlineData("Start: 01.04.", "2027-04-01")]
    [InlineData("ab 1. März", "2028-03-01")] // 1 March is past on 15 March: the next one
    [InlineData("ab 15. März", "2027-03-15")] // today is not in the past
    public void Start_date_without_year_is_the_next_one_not_in_the_past(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Parse("Lagerhelfer " + text).PeriodStart);

    [Fact]
    public void Ab_sofort_is_today_from_the_given_clock() =>
        Assert.Equal(new DateOnly(2031, 2, 3), Parse("Lagerhelfer ab sofort", new DateOnly(2031, 2, 3)).PeriodStart);

    [Fact]
    public void Start_rolls_into_next_year_in_november()
    {
        var draft = Parse("Ab 10. Januar 2 Lagerarbeiter für 3 Monate", new DateOnly(2027, 11, 20));
        Assert.Equal(new DateOnly(2028, 1, 10), draft.PeriodStart);
        Assert.Equal(new DateOnly(2028, 4, 9), draft.PeriodEnd);
    }

    [Theory]
    [InlineData("ab 1. September für 8 Wochen", "2027-10-26")]
    [InlineData("ab 1. September für 1 Woche", "2027-09-07")]
    [InlineData("ab 1. September für 3 Monate", "2027-11-30")]
    [InlineData("ab 1. September bis Ende Oktober", "2027-10-31")]
    [InlineData("ab 1. September befristet bis 31.12.", "2027-12-31")]
    [InlineData("ab 1. November bis Ende Februar", "2028-02-29")]
    [InlineData("von Mai bis August", "2027-08-31")]
    [InlineData("Juni–Juli", "2027-07-31")]
    [InlineData("from 1 October until end of December", "2027-12-31")]
    public void End_is_read_from_a_duration_or_a_date(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Parse("Erntehelfer " + text).PeriodEnd);

    [Fact]
    public void Duration_without_start_gives_no_end_and_is_listed_unresolved()
    {
        var draft = Parse("Erntehelfer für 8 Wochen");
        Assert.Null(draft.PeriodStart);
        Assert.Null(draft.PeriodEnd);
        Assert.Contains(draft.Unresolved, u => u.Text.Contains("8 Wochen", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Vollzeit", 40)]
    [InlineData("full-time", 40)]
    [InlineData("Teilzeit 20 Std.", 20)]
    [InlineData("30 Stunden/Woche", 30)]
    [InlineData("25 hours per week", 25)]
    [InlineData("Teilzeit (20h)", 20)]
    [InlineData("Minijob", 10)]
    [InlineData("Mo–Fr 6–14 Uhr", 40)]
    [InlineData("8 Stunden täglich", 40)]
    public void Weekly_hours(string text, int expected) =>
        Assert.Equal(expected, Parse("Reinigungskraft in Mainz, " + text).HoursPerWeek);

    [Fact]
    public void Teilzeit_alone_gives_no_hours() => Assert.Null(Parse("Reinigungskraft in Teilzeit").HoursPerWeek);

    [Theory]
    [InlineData("Deutsch A2", "de", "A2")]
    [InlineData("Deutschkenntnisse B1", "de", "B1")]
    [InlineData("gute Deutschkenntnisse", "de", "B2")]
    [InlineData("Grundkenntnisse in Deutsch", "de", "A2")]
    [InlineData("Deutsch Grundkenntnisse", "de", "A2")]
    [InlineData("sehr gute Deutschkenntnisse", "de", "C1")]
    [InlineData("verhandlungssicheres Englisch", "en", "C1")]
    [InlineData("Deutsch fließend", "de", "C1")]
    [InlineData("Deutsch als Muttersprache", "de", "C2")]
    [InlineData("Deutsch in Wort und Schrift", "de", "B2")]
    [InlineData("Englischkenntnisse", "en", "B1")]
    [InlineData("basic German", "de", "A2")]
    [InlineData("fluent English", "en", "C1")]
    public void Language_levels_follow_the_rule_table(string text, string code, string level) =>
        Assert.Equal([new DraftLanguage(code, level)], Parse("Lagerhelfer, " + text).Languages);

    [Fact]
    public void A_level_after_two_languages_holds_for_both() =>
        Assert.Equal([new DraftLanguage("en", "A2"), new DraftLanguage("de", "A2")], Parse("Cleaner, English or German basic").Languages);

    [Theory]
    [InlineData("Staplerschein von Vorteil", false)]
    [InlineData("Staplerschein wünschenswert", false)]
    [InlineData("idealerweise Staplerschein", false)]
    [InlineData("gerne mit Staplerschein", false)]
    [InlineData("forklift licence is a plus", false)]
    [InlineData("Staplerschein zwingend", true)]
    [InlineData("Staplerschein erforderlich", true)]
    [InlineData("Voraussetzung: Staplerschein", true)]
    [InlineData("forklift licence required", true)]
    [InlineData("Staplerschein", true)]
    public void Certificate_markers_decide_must_or_nice(string text, bool mustHave)
    {
        var draft = Parse("Lagerhelfer in Mainz, " + text);
        Assert.Equal(mustHave ? ["FORKLIFT"] : [], draft.MustCertificates);
        Assert.Equal(mustHave ? [] : ["FORKLIFT"], draft.NiceCertificates);
    }

    [Fact]
    public void Skill_marker_applies_to_its_clause_and_a_heading_to_the_lines_below()
    {
        var draft = Parse("Lagerhelfer gesucht\n- Kommissionieren\nWünschenswert:\n- Gabelstapler fahren\n- Führerschein B");
        Assert.Equal(["ee5e2297-39cc-4ed6-89e5-d58016118a7f"], draft.MustHave);
        Assert.Equal(["28cb374e-6261-4133-8371-f9a5470145da"], draft.NiceToHave);
        Assert.Equal(["LIC-B"], draft.NiceCertificates);
    }

    [Fact]
    public void A_marker_inside_a_clause_holds_for_its_own_phrase_only()
    {
        var draft = Parse("Verkäuferin gesucht. Sie sollten Spaß am Verkauf haben und gerne mit Kunden umgehen.");
        Assert.Contains("29a50780-f81b-429c-b410-7f23a492e19d", draft.MustHave);
        Assert.DoesNotContain("29a50780-f81b-429c-b410-7f23a492e19d", draft.NiceToHave);
    }

    [Fact]
    public void What_the_employer_offers_is_no_requirement()
    {
        var draft = Parse("Lagerhelfer\nIhr Profil:\n- Kommissionieren\nWir bieten:\n- Staplerschein-Ausbildung\n- Teamarbeit");
        Assert.Equal(["ee5e2297-39cc-4ed6-89e5-d58016118a7f"], draft.MustHave);
        Assert.Empty(draft.MustCertificates);
        Assert.Empty(draft.NiceCertificates);
    }

    [Fact]
    public void Licence_classes_in_a_list_are_each_a_certificate()
    {
        var draft = Parse("Fahrer gesucht, Führerschein C und CE wünschenswert");
        Assert.Equal(["LIC-C", "LIC-CE"], draft.NiceCertificates);
    }

    [Theory]
    [InlineData("3 Erntehelfer", 3)]
    [InlineData("drei Erntehelfer", 3)]
    [InlineData("zwei Mitarbeiter/innen", 2)]
    [InlineData("eine Reinigungskraft", 1)]
    [InlineData("2 warehouse workers", 2)]
    public void Headcount(string text, int expected) => Assert.Equal(expected, Parse("Wir suchen " + text + " in Mainz").Headcount);

    [Fact]
    public void Numbers_of_dates_hours_and_licence_classes_are_no_headcount() =>
        Assert.Null(Parse("Ab 1. September für 8 Wochen, 20 Std., Führerschein Klasse 3 Pflicht").Headcount);

    [Theory]
    [InlineData("voraussichtlich 5 Erntehelfer", "Forecast")]
    [InlineData("Bedarfsprognose: 5 Erntehelfer", "Forecast")]
    [InlineData("ab nächstem Jahr planen wir 5 Erntehelfer", "Forecast")]
    [InlineData("Wir suchen 5 Erntehelfer", "Vacancy")]
    [InlineData("5 Erntehelfer", "Vacancy")]
    [InlineData("Fahrer, Touren planen", "Vacancy")]
    public void Kind_is_vacancy_unless_the_text_forecasts(string text, string kind) => Assert.Equal(kind, Parse(text).Kind);

    [Theory]
    [InlineData("Schichtarbeit", true, null)]
    [InlineData("Früh- und Spätschicht", true, null)]
    [InlineData("keine Schichtarbeit", false, null)]
    [InlineData("3-Schicht-System", true, null)]
    [InlineData("Nachtschichten", true, null)]
    [InlineData("Farbschichten auftragen", null, null)]
    [InlineData("Geschichte der Firma", null, null)]
    [InlineData("Wochenendarbeit", null, true)]
    [InlineData("auch samstags", null, true)]
    [InlineData("keine Wochenendarbeit", null, false)]
    public void Shift_and_weekend_work(string text, bool? shift, bool? weekend)
    {
        var draft = Parse("Lagerhelfer, " + text);
        Assert.Equal(shift, draft.ShiftWork);
        Assert.Equal(weekend, draft.WeekendWork);
    }

    [Theory]
    [InlineData("in Ingelheim", Ingelheim)]
    [InlineData("in Ingelheim am Rhein", Ingelheim)]
    [InlineData("in Ingelhiem", Ingelheim)]
    [InlineData("in ingelheim", null)]
    [InlineData("Raum Bingen", "07339005")]
    [InlineData("55218 Ingelheim", Ingelheim)]
    [InlineData(", Seniorenheim Bad Kreuznach", "07133006")]
    [InlineData(", Saulheim", "07331058")]
    public void Place_by_name_prefix_or_typo(string text, string? ags) => Assert.Equal(ags, Parse("Erntehelfer " + text).MunicipalityAgs);

    [Fact]
    public void Unknown_place_is_unresolved_with_the_closest_names()
    {
        var draft = Parse("Erntehelfer in Ingelbach");
        Assert.Null(draft.MunicipalityAgs);
        var unresolved = Assert.Single(draft.Unresolved, u => u.Text == "Ingelbach");
        Assert.Contains(unresolved.Suggestions, s => s.Id == Ingelheim);
    }

    [Fact]
    public void Text_with_nothing_resolvable_gives_an_empty_draft()
    {
        var draft = Parse("Hallo, bitte melden Sie sich bei uns!");
        Assert.Equal("Vacancy", draft.Kind);
        Assert.Empty(draft.Items);
        Assert.Null(draft.Headcount);
        Assert.Empty(draft.MustHave);
    }

    [Fact]
    public void Every_item_span_lies_inside_the_text()
    {
        const string text = "Lkw-Fahrer CE gesucht, Führerschein CE und Code 95 zwingend, ADR-Schein wünschenswert, Einsatzort Gau-Algesheim, ab sofort, Vollzeit";
        var draft = Parse(text);
        Assert.NotEmpty(draft.Items);
        Assert.All(draft.Items, i => Assert.True(i.Span.Start >= 0 && i.Span.Length > 0 && i.Span.End <= text.Length));
        Assert.All(draft.Unresolved, u => Assert.Equal(u.Text, text.Substring(u.Span.Start, u.Span.Length)));
    }
}
