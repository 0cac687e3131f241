using System.CommandLine;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Samples;

/// <summary>
/// <c>dotnet run --project src/SkillsMatch.Samples -- generate --seed 2025 --out samples</c>: writes
/// the CSV files the server imports with <c>skillsmatch samples import</c> (and seeds from in Development).
/// </summary>
public static class SamplesCommand
{
    public static Task<int> Main(string[] args) => Create().Parse(args).InvokeAsync();

    public static RootCommand Create()
    {
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same files.", DefaultValueFactory = _ => 2025 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the CSV files.", DefaultValueFactory = _ => new DirectoryInfo("samples") };
        var asOf = new Option<DateOnly>("--as-of") { Description = "The day the data describe (yyyy-MM-dd).", DefaultValueFactory = _ => SampleGenerator.DefaultAsOf };
        var clients = new Option<int>("--clients") { Description = "Number of client profiles.", DefaultValueFactory = _ => 4000 };
        var dataPath = new Option<DirectoryInfo?>("--data") { Description = "The reference data folder (default: found automatically)." };
        var generate = new Command("generate", "Generate deterministic, realistic sample data for the reference county.") { seed, output, asOf, clients, dataPath };
        generate.SetAction(parse =>
        {
            var reference = ReferenceData.Load(ReferenceData.LocateDataDirectory(parse.GetValue(dataPath)?.FullName));
            var set = new SampleGenerator(reference, parse.GetValue(seed), parse.GetValue(asOf)).Generate(parse.GetValue(clients));
            var folder = parse.GetValue(output)!.FullName;
            SampleFiles.Write(set, folder);
            Console.WriteLine($"Wrote {set.Employers.Count} employers, {set.ForumRounds.Count} forum rounds, {set.Needs.Count} needs, " +
                $"{set.Comments.Count} comments, {set.Clients.Count} clients, {set.Courses.Count} courses, {set.Outcomes.Count} outcomes, {set.Impressions.Count} impressions to {folder}.");
            return 0;
        });
        return new RootCommand("SkillsMatch sample data: a development tool, not part of the server.") { generate };
    }
}
