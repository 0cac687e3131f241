using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Features.Samples;
using SkillsMatch.Samples;

namespace SkillsMatch.Server.Tests;

public sealed class SampleDataTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private static string SamplesFolder => SampleFiles.Locate(null);

    [Fact]
    public void Generation_is_deterministic_for_a_seed()
    {
        var reference = factory.Services.GetRequiredService<ReferenceData>();
        var first = Generate(reference, 7);
        var again = Generate(reference, 7);
        var other = Generate(reference, 8);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Committed_samples_match_the_generator_with_its_default_seed()
    {
        var reference = factory.Services.GetRequiredService<ReferenceData>();
        var folder = Path.Combine(factory.DataDirectory, "regenerated");
        SampleFiles.Write(new SampleGenerator(reference, 2025, SampleGenerator.DefaultAsOf).Generate(4000), folder);
        foreach (var file in Directory.GetFiles(SamplesFolder, "*.csv"))
        {
            Assert.True(File.ReadAllText(file) == File.ReadAllText(Path.Combine(folder, Path.GetFileName(file))), $"{Path.GetFileName(file)} differs; run: dotnet run --project src/SkillsMatch.Samples -- generate --seed 2025 --out samples");
        }
    }

    [Fact]
    public void Samples_have_the_size_of_the_reference_county()
    {
        var clients = SampleFiles.Read<ClientRow>(Path.Combine(SamplesFolder, SampleFiles.Clients));
        var needs = SampleFiles.Read<NeedRow>(Path.Combine(SamplesFolder, SampleFiles.Needs));
        Assert.Equal(4000, clients.Count);
        var openVacancies = needs.Count(n => n.Row.Kind == "Vacancy" && n.Row.Status == "Open");
        Assert.InRange(openVacancies, 1400, 1600);
        Assert.Contains(needs, n => n.Row.Kind == "Forecast" && n.Row.ForumRoundId is not null);
    }

    [Fact]
    public void Every_skill_and_certificate_in_the_samples_has_a_German_everyday_word()
    {
        var reference = factory.Services.GetRequiredService<ReferenceData>();
        var synonyms = reference.Vocabulary.Synonyms.Select(s => (s.Target, s.TargetId)).ToHashSet();
        var needs = SampleFiles.Read<NeedRow>(Path.Combine(SamplesFolder, SampleFiles.Needs)).Select(l => l.Row).ToList();
        var clients = SampleFiles.Read<ClientRow>(Path.Combine(SamplesFolder, SampleFiles.Clients)).Select(l => l.Row).ToList();
        var courses = SampleFiles.Read<CourseRow>(Path.Combine(SamplesFolder, SampleFiles.Courses)).Select(l => l.Row).ToList();

        static IEnumerable<string> Ids(string cell) => cell.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(i => i.Split(':')[0]);
        var skills = needs.SelectMany(n => Ids(n.MustHave).Concat(Ids(n.NiceToHave)))
            .Concat(clients.SelectMany(c => Ids(c.Skills)))
            .Concat(courses.SelectMany(c => Ids(c.Skills)))
            .ToHashSet();
        var certificates = needs.SelectMany(n => Ids(n.Certificates)).Concat(clients.SelectMany(c => Ids(c.Certificates))).ToHashSet();

        var skillsWithoutWord = skills.Where(s => !synonyms.Contains((SynonymTarget.Skill, s))).ToList();
        var certificatesWithoutWord = certificates.Where(c => !synonyms.Contains((SynonymTarget.Certificate, c))).ToList();
        Assert.True(skillsWithoutWord.Count == 0, $"{skillsWithoutWord.Count} sample skills have no synonym, e.g. {string.Join(", ", skillsWithoutWord.Take(5))}");
        Assert.True(certificatesWithoutWord.Count == 0, $"Certificates without synonym: {string.Join(", ", certificatesWithoutWord)}");
    }

    [Fact]
    public async Task Committed_samples_import_completely()
    {
        var importer = factory.Services.CreateScope().ServiceProvider.GetRequiredService<SampleImporter>();
        var counts = await importer.ImportAsync(SamplesFolder, CancellationToken.None);

        var state = await factory.StateAsync();
        Assert.Equal(counts.Employers, state.Employers);
        Assert.Equal(counts.Needs, state.Needs);
        Assert.Equal(counts.Clients, state.Clients);
        Assert.Equal(counts.Courses, state.Courses);
        Assert.Equal(counts.Outcomes, state.Outcomes);
        Assert.Equal(4000, state.Clients);
        var skills = await factory.WithDbAsync(db => db.Clients.Where(c => c.Id == 1).Select(c => c.Skills.Count).SingleAsync());
        Assert.True(skills > 0);
    }

    private static string Generate(ReferenceData reference, int seed)
    {
        var set = new SampleGenerator(reference, seed, SampleGenerator.DefaultAsOf).Generate(200);
        return string.Join('\n', set.Clients) + string.Join('\n', set.Needs) + string.Join('\n', set.Outcomes) + string.Join('\n', set.Courses);
    }
}

public sealed class SampleImportErrorTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    [Theory]
    [InlineData(SampleFiles.Clients, 3, "available_from", "2027-13-45")]
    [InlineData(SampleFiles.Needs, 4, "headcount", "0")]
    [InlineData(SampleFiles.Needs, 2, "must_have", "not-a-skill:2")]
    [InlineData(SampleFiles.Courses, 2, "cohorts", "2027-01-01:ten:0")]
    [InlineData(SampleFiles.Outcomes, 5, "stage", "Maybe")]
    public async Task A_bad_cell_names_file_line_and_column_and_imports_nothing(string file, int line, string column, string value)
    {
        var folder = Path.Combine(factory.DataDirectory, $"broken-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        foreach (var source in Directory.GetFiles(SampleFiles.Locate(null), "*.csv"))
        {
            File.Copy(source, Path.Combine(folder, Path.GetFileName(source)));
        }

        ReplaceCell(Path.Combine(folder, file), line, column, value);
        var importer = factory.Services.CreateScope().ServiceProvider.GetRequiredService<SampleImporter>();

        var error = await Assert.ThrowsAsync<CsvImportException>(() => importer.ImportAsync(folder, CancellationToken.None));

        Assert.Contains(error.Errors, e => e.File == file && e.Line == line && e.Column == column);
        Assert.Equal(new DbState(0, 0, 0, 0, 0, 0, 0, 0), await factory.StateAsync());
    }

    /// <summary>Rewrites one cell of a simple CSV (the samples' quoting never spans lines).</summary>
    private static void ReplaceCell(string path, int line, string column, string value)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var index = Array.IndexOf(header, column);
        var cells = SplitCsvLine(lines[line - 1]);
        cells[index] = value;
        lines[line - 1] = string.Join(',', cells.Select(c => c.Contains(',', StringComparison.Ordinal) ? $"\"{c}\"" : c));
        File.WriteAllLines(path, lines);
    }

    private static List<string> SplitCsvLine(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.ToString());
        return cells;
    }
}

[CollectionDefinition(Name)]
public sealed class SeededCollection : ICollectionFixture<SeededSkillsMatchFactory>
{
    public const string Name = "seeded from samples";
}

[Collection(SeededCollection.Name)]
public sealed class SeededStartTests(SeededSkillsMatchFactory factory)
{
    [Fact]
    public async Task Embedded_default_seeds_an_empty_database_from_samples_on_first_start()
    {
        var http = factory.CreateClient();
        var clients = await (await http.GetAsync("/api/clients?pageSize=1")).JsonAsync();
        Assert.Equal(4000, clients.GetProperty("total").GetInt32());
        var open = await (await http.GetAsync("/api/needs?status=Open&kind=Vacancy&pageSize=1")).JsonAsync();
        Assert.InRange(open.GetProperty("total").GetInt32(), 1400, 1600);
    }
}
