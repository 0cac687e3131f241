using System.Globalization;
using System.Text.Json;
using SkillsMatch.Engine.Intake;
using Xunit.Abstractions;

namespace SkillsMatch.Engine.Tests;

/// <summary>
/// The acceptance set of issue 13: need sentences with the drafts a human reads from them.
/// Per field, an extracted item is correct when it equals an expected item not matched before
/// (for skills: any id of the item's alternatives; for certificates: any code separated by '|');
/// an extracted item that matches no expected item is invented, including a wrong value for a
/// field that has one. Recall = correct / expected, precision = correct / extracted.
/// </summary>
[Collection(ReferenceDataCollection.Name)]
public sealed class NeedSentenceSetTests(ReferenceDataFixture fixture, ITestOutputHelper output)
{
    private sealed record Expected(
        string Kind, int? Headcount, DateOnly? Start, DateOnly? End, int? HoursPerWeek, bool? ShiftWork, bool? WeekendWork, string? Municipality,
        List<List<string>> MustSkills, List<List<string>> NiceSkills, List<string> MustCertificates, List<string> NiceCertificates,
        List<string> Languages, JsonElement? Occupation);

    private sealed record Sentence(string Text, DateOnly Today, Expected Expected);

    private sealed class Tally
    {
        public int Expected { get; set; }
        public int Extracted { get; set; }
        public int Correct { get; set; }
    }

    private static List<Sentence> Load() =>
        JsonSerializer.Deserialize<List<Sentence>>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "need-sentences.json")),
            s_json)!;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Fixture_has_at_least_40_sentences() => Assert.True(Load().Count >= 40);

    [Fact]
    public void Every_item_of_the_set_comes_from_a_span_of_its_sentence()
    {
        var parser = new NeedTextParser(fixture.Reference);
        foreach (var sentence in Load())
        {
            var draft = parser.Parse(sentence.Text, sentence.Today);
            Assert.All(draft.Items, i => Assert.True(i.Span.Start >= 0 && i.Span.Length > 0 && i.Span.End <= sentence.Text.Length, $"{i} in {sentence.Text}"));
            Assert.All(draft.Unresolved, u => Assert.Equal(u.Text, sentence.Text.Substring(u.Span.Start, u.Span.Length)));
        }
    }

    [Fact]
    public void Sentence_set_is_read_with_90_percent_recall_and_no_invented_item()
    {
        var parser = new NeedTextParser(fixture.Reference);
        var tallies = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var invented = new List<string>();
        var missed = new List<string>();
        foreach (var sentence in Load())
        {
            var draft = parser.Parse(sentence.Text, sentence.Today);
            var e = sentence.Expected;
            void Compare(string field, IEnumerable<IReadOnlyCollection<string>> expected, IEnumerable<string> extracted)
            {
                var tally = tallies.TryGetValue(field, out var t) ? t : tallies[field] = new Tally();
                var open = expected.ToList();
                tally.Expected += open.Count;
                foreach (var value in extracted)
                {
                    tally.Extracted++;
                    var match = open.FindIndex(alternatives => alternatives.Contains(value));
                    if (match >= 0)
                    {
                        tally.Correct++;
                        open.RemoveAt(match);
                    }
                    else
                    {
                        invented.Add($"{field} '{value}' in: {sentence.Text}");
                    }
                }

                missed.AddRange(open.Select(alternatives => $"{field} '{string.Join('|', alternatives)}' in: {sentence.Text}"));
            }

            static IEnumerable<IReadOnlyCollection<string>> One(string? value) => value is null ? [] : [value.Split('|')];
            static IEnumerable<string> Got(string? value) => value is null ? [] : [value];
            static string? Text<T>(T? value) where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture);
            static string? Flag(bool? value) => value is null ? null : value.Value ? "true" : "false";
            static string? Day(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            Compare("kind", One(e.Kind), Got(draft.Kind));
            Compare("headcount", One(Text(e.Headcount)), Got(Text(draft.Headcount)));
            Compare("start", One(Day(e.Start)), Got(Day(draft.PeriodStart)));
            Compare("end", One(Day(e.End)), Got(Day(draft.PeriodEnd)));
            Compare("hoursPerWeek", One(Text(e.HoursPerWeek)), Got(Text(draft.HoursPerWeek)));
            Compare("shiftWork", One(Flag(e.ShiftWork)), Got(Flag(draft.ShiftWork)));
            Compare("weekendWork", One(Flag(e.WeekendWork)), Got(Flag(draft.WeekendWork)));
            Compare("municipality", One(e.Municipality), Got(draft.MunicipalityAgs));
            Compare("mustSkills", e.MustSkills, draft.MustHave);
            Compare("niceSkills", e.NiceSkills, draft.NiceToHave);
            Compare("mustCertificates", e.MustCertificates.Select(c => c.Split('|')), draft.MustCertificates);
            Compare("niceCertificates", e.NiceCertificates.Select(c => c.Split('|')), draft.NiceCertificates);
            Compare("languages", e.Languages.Select(l => new[] { l }), draft.Languages.Select(l => $"{l.Code}:{l.Level}"));
            if (e.Occupation is { } occupation)
            {
                // Only sentences whose expectation names an occupation (or null) count for this field.
                Compare("occupation", One(occupation.ValueKind == JsonValueKind.Null ? null : occupation.GetString()), Got(draft.OccupationId));
            }
        }

        var total = new Tally();
        output.WriteLine($"{"field",-18} {"expected",8} {"extracted",9} {"correct",7} {"precision",9} {"recall",7}");
        foreach (var (field, t) in tallies)
        {
            output.WriteLine($"{field,-18} {t.Expected,8} {t.Extracted,9} {t.Correct,7} {Share(t.Correct, t.Extracted),9} {Share(t.Correct, t.Expected),7}");
            total.Expected += t.Expected;
            total.Extracted += t.Extracted;
            total.Correct += t.Correct;
        }

        output.WriteLine($"{"overall",-18} {total.Expected,8} {total.Extracted,9} {total.Correct,7} {Share(total.Correct, total.Extracted),9} {Share(total.Correct, total.Expected),7}");
        output.WriteLine("");
        output.WriteLine("Invented:");
        invented.ForEach(output.WriteLine);
        output.WriteLine("Missed:");
        missed.ForEach(output.WriteLine);

        Assert.Empty(invented);
        Assert.True(total.Correct >= 0.9 * total.Expected, $"{total.Correct} of {total.Expected} expected items extracted");
    }

    private static string Share(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
