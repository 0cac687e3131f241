using SkillsMatch.Engine.Intake;
using Xunit.Abstractions;

namespace SkillsMatch.Engine.Tests;

[Collection(ReferenceDataCollection.Name)]
public sealed class NeedTextProbe(ReferenceDataFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var parser = new NeedTextParser(fixture.Reference);
        foreach (var line in File.ReadAllLines("/tmp/probe.txt"))
        {
            var d = parser.Parse(line.Replace("\\n", "\n", StringComparison.Ordinal), new DateOnly(2027, 3, 15));
            output.WriteLine("## " + line);
            foreach (var i in d.Items)
            {
                output.WriteLine($"  {i.Field} {i.Value} '{i.Label}' [{line.Replace("\\n", "\n", StringComparison.Ordinal).Substring(i.Span.Start, i.Span.Length)}] {i.MustHave}");
            }

            foreach (var u in d.Unresolved)
            {
                output.WriteLine($"  ?? {u.Text} -> {string.Join("; ", u.Suggestions.Select(s => s.Label))}");
            }
        }
    }
}
