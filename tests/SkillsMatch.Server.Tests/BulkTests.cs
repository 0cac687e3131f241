using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Bulk;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Server.Tests;

/// <summary>Bulk import and export: round trip, bad rows, skip-invalid, idempotence, injection, roles and reach.</summary>
public sealed class BulkTests
{
    private static readonly string Samples = SampleFiles.Locate(null);

    private static readonly JsonSerializerOptions Plain = new() { ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles };

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task<JsonElement> ImportAsync(HttpClient http, string entity, string csv, bool skipInvalid = false, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.PostAsync($"/api/import/{entity}{(skipInvalid ? "?skipInvalid=true" : "")}", Csv(csv));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{entity}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<string> ExportAsync(HttpClient http, string entity)
    {
        using var response = await http.GetAsync($"/api/export/{entity}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sample outcomes without their impression links (impressions are no bulk entity), the first <paramref name="count"/>.</summary>
    private static string SampleOutcomes(int count)
    {
        var lines = File.ReadAllLines(Path.Combine(Samples, SampleFiles.Outcomes));
        return string.Join('\n', lines.Take(count + 1).Select((l, i) => i == 0 ? l : l[..l.LastIndexOf(',')] + ",")) + "\n";
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_gives_identical_data()
    {
        using var source = new SkillsMatchFactory();
        using var target = new SkillsMatchFactory();
        var from = source.CreateClient();
        foreach (var entity in BulkEntities.InOrder.Where(e => e != BulkEntity.Outcomes))
        {
            var result = await ImportAsync(from, entity.Name(), File.ReadAllText(Path.Combine(Samples, entity.FileName())));
            Assert.True(result.GetProperty("created").GetInt64() > 0);
        }

        await ImportAsync(from, "outcomes", SampleOutcomes(400));

        var to = target.CreateClient();
        var exported = new Dictionary<BulkEntity, string>();
        foreach (var entity in BulkEntities.InOrder)
        {
            exported[entity] = await ExportAsync(from, entity.Name());
            var result = await ImportAsync(to, entity.Name(), exported[entity]);
            Assert.Equal(0, result.GetProperty("invalid").GetInt64());
        }

        foreach (var entity in BulkEntities.InOrder)
        {
            Assert.Equal(exported[entity], await ExportAsync(to, entity.Name()));
        }

        // Field by field, from the databases themselves (timestamps aside: they record when, not what).
        Assert.Equal(await source.StateAsync(), await target.StateAsync());
        foreach (var (name, read) in new (string, Func<Data.SkillsMatchDbContext, Task<object[]>>)[]
        {
            ("employers", async db => [.. await db.Employers.AsNoTracking().OrderBy(e => e.Id).ToListAsync()]),
            ("forum rounds", async db => [.. await db.ForumRounds.AsNoTracking().OrderBy(e => e.Id).ToListAsync()]),
            ("needs", async db => [.. await db.Needs.AsNoTracking().OrderBy(e => e.Id).ToListAsync()]),
            ("clients", async db => [.. await db.Clients.AsNoTracking().OrderBy(e => e.Id).ToListAsync()]),
            ("courses", async db => [.. await db.Courses.AsNoTracking().OrderBy(e => e.Id).ToListAsync()]),
            ("outcomes", async db => [.. await db.Outcomes.AsNoTracking().OrderBy(e => e.Id).ToListAsync()]),
        })
        {
            var left = Fields(await source.WithDbAsync(read));
            var right = Fields(await target.WithDbAsync(read));
            Assert.True(left.Count > 0, name);
            Assert.Equal(left.Count, right.Count);
            for (var i = 0; i < left.Count; i++)
            {
                Assert.True(left[i] == right[i], $"{name} #{i}:\n{left[i]}\n{right[i]}");
            }
        }
    }

    /// <summary>Every stored field as JSON, without CreatedAt and UpdatedAt.</summary>
    private static List<string> Fields(object[] entities) =>
        [.. entities.Select(e =>
        {
            var json = JsonSerializer.SerializeToNode(e, e.GetType(), Plain)!.AsObject();
            json.Remove("CreatedAt");
            json.Remove("UpdatedAt");
            return json.ToJsonString();
        })];

    private static string[] SampleClientLines(int rows) => [.. File.ReadLines(Path.Combine(Samples, SampleFiles.Clients)).Take(rows + 1)];

    /// <summary>Replaces one cell (by header name) of a CSV line without quoted cells.</summary>
    private static string WithCell(string header, string line, string column, string value)
    {
        var index = Array.IndexOf(header.Split(','), column);
        var cells = line.Split(',');
        cells[index] = value;
        return string.Join(',', cells);
    }

    [Fact]
    public async Task Bad_rows_are_all_reported_by_line_and_column_and_nothing_is_imported_skip_invalid_imports_the_rest_and_twice_changes_nothing()
    {
        using var factory = new SkillsMatchFactory();
        var http = factory.CreateClient();
        var lines = SampleClientLines(20);
        var header = lines[0];
        lines[3] = WithCell(header, lines[3], "hours_per_week", "abc");
        lines[7] = WithCell(header, lines[7], "home_municipality_ags", "99999999");
        lines[12] = WithCell(header, lines[12], "birth_year", "1800");
        lines[12] = WithCell(header, lines[12], "gender", "unknown");
        lines[15] = WithCell(header, lines[15], "reference", lines[14].Split(',')[1]);
        var csv = string.Join('\n', lines) + "\n";
        var before = await factory.StateAsync();

        var refused = await ImportAsync(http, "clients", csv, expected: HttpStatusCode.UnprocessableEntity);
        var rows = refused.GetProperty("rows").EnumerateArray().Select(r => $"{r.GetProperty("line").GetInt64()}:{r.GetProperty("column").GetString()}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["13:birth_year", "13:gender", "16:reference", "4:hours_per_week", "8:home_municipality_ags"], rows);
        Assert.Equal(4, refused.GetProperty("invalid").GetInt64());
        Assert.Equal(before, await factory.StateAsync());

        var partial = await ImportAsync(http, "clients", csv, skipInvalid: true);
        Assert.Equal(16, partial.GetProperty("created").GetInt64());
        Assert.Equal(4, partial.GetProperty("invalid").GetInt64());
        Assert.Equal(5, partial.GetProperty("errors").GetArrayLength());
        var imported = await factory.StateAsync();
        Assert.Equal(before.Clients + 16, imported.Clients);

        var again = await ImportAsync(http, "clients", csv, skipInvalid: true);
        Assert.Equal(0, again.GetProperty("created").GetInt64());
        Assert.Equal(0, again.GetProperty("updated").GetInt64());
        Assert.Equal(16, again.GetProperty("unchanged").GetInt64());
        Assert.Equal(imported, await factory.StateAsync());
        var changes = await factory.WithDbAsync(db => db.ChangeLog.CountAsync());

        // A changed row is an update: one version more, one change logged.
        var changed = string.Join('\n', [header, WithCell(header, lines[1], "hours_per_week", "12")]) + "\n";
        var update = await ImportAsync(http, "clients", changed);
        Assert.Equal(1, update.GetProperty("updated").GetInt64());
        var after = await factory.StateAsync();
        Assert.Equal(imported.Versions + 1, after.Versions);
        Assert.Equal(changes + 1, await factory.WithDbAsync(db => db.ChangeLog.CountAsync()));
        Assert.Equal(12, await factory.WithDbAsync(db => db.Clients.Where(c => c.Id == 1).Select(c => c.HoursPerWeek).SingleAsync()));
    }

    [Fact]
    public async Task A_file_without_a_needed_column_or_naming_an_unknown_employer_is_refused_by_line_and_column()
    {
        using var factory = new SkillsMatchFactory();
        var http = factory.CreateClient();
        var missing = await ImportAsync(http, "employers", "id,name\n1,Nur Name\n", expected: HttpStatusCode.UnprocessableEntity);
        Assert.Equal("sector", missing.GetProperty("rows")[0].GetProperty("column").GetString());

        var needs = string.Join('\n', File.ReadLines(Path.Combine(Samples, SampleFiles.Needs)).Take(3)) + "\n";
        var refused = await ImportAsync(http, "needs", needs, expected: HttpStatusCode.UnprocessableEntity);
        Assert.All(refused.GetProperty("rows").EnumerateArray(), r => Assert.Contains(r.GetProperty("column").GetString(), new[] { "employer_id", "forum_round_id" }));
        Assert.Equal([2L, 3L], refused.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("line").GetInt64()).Distinct().Order());
        Assert.Equal(0, (await factory.StateAsync()).Needs);

        using var unknown = await http.PostAsync("/api/import/impressions", Csv("id\n1\n"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Needs_files_without_the_nice_to_have_certificates_column_still_import_and_exports_carry_it()
    {
        using var factory = new SkillsMatchFactory();
        var http = factory.CreateClient();
        await ImportAsync(http, "employers", File.ReadAllText(Path.Combine(Samples, SampleFiles.Employers)));
        await ImportAsync(http, "forum-rounds", File.ReadAllText(Path.Combine(Samples, SampleFiles.ForumRounds)));
        var lines = File.ReadLines(Path.Combine(Samples, SampleFiles.Needs)).Take(4).ToList();
        Assert.EndsWith(",nice_to_have_certificates", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("CHAINSAW", lines[1], StringComparison.Ordinal);

        // A file written before the column existed: the column left out, no nice-to-have certificates.
        var old = string.Join('\n', lines.Select(l => l[..l.LastIndexOf(',')])) + "\n";
        Assert.Equal(3, (await ImportAsync(http, "needs", old)).GetProperty("created").GetInt64());

        var withNice = string.Join('\n', lines.Select((l, i) => i == 1 ? l + "CHAINSAW" : l)) + "\n";
        Assert.Equal(1, (await ImportAsync(http, "needs", withNice)).GetProperty("updated").GetInt64());
        Assert.Equal(["CHAINSAW"], await factory.WithDbAsync(async db => (await db.Needs.FindAsync(1))!.NiceToHaveCertificates));
        var exported = (await ExportAsync(http, "needs")).Split('\n');
        Assert.EndsWith(",nice_to_have_certificates", exported[0], StringComparison.Ordinal);
        Assert.EndsWith(",CHAINSAW", exported[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_neutralises_formula_cells_and_import_takes_the_escape_off_again()
    {
        using var factory = new SkillsMatchFactory();
        using var empty = new SkillsMatchFactory();
        var http = factory.CreateClient();
        var employer = TestData.Employer().With("name", "=HYPERLINK(\"http://x.example\")").With("contactName", "@Personal").With("contactEmail", null);
        var id = (await http.CreateAsync("/api/employers", employer)).GetProperty("id").GetInt32();
        await http.CreateAsync("/api/employers", TestData.Employer().With("name", "-Minus GmbH").With("contactName", "+49 6132"));

        var csv = await ExportAsync(http, "employers");
        Assert.Contains("\"'=HYPERLINK(\"\"http://x.example\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains(",'@Personal,", csv, StringComparison.Ordinal);
        Assert.Contains(",'-Minus GmbH,", csv, StringComparison.Ordinal);
        Assert.Contains(",'+49 6132,", csv, StringComparison.Ordinal);
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.DoesNotContain(line.Split(','), cell => SampleFiles.NeedsEscape(cell.Trim('"')));
        }

        // This time as a form upload, as a browser sends a file.
        using var form = new MultipartFormDataContent { { new StringContent(csv, Encoding.UTF8, "text/csv"), "file", "employers.csv" } };
        using var upload = await empty.CreateClient().PostAsync("/api/import/employers", form);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(2, (await upload.JsonAsync()).GetProperty("created").GetInt64());
        var name = await empty.WithDbAsync(db => db.Employers.Where(e => e.Id == id).Select(e => e.Name).SingleAsync());
        Assert.Equal("=HYPERLINK(\"http://x.example\")", name);
    }

    [Fact]
    public async Task Only_caseworkers_import_and_export_and_admins_are_refused()
    {
        using var factory = new SkillsMatchFactory();
        foreach (var role in new[] { Roles.Planner, Roles.Admin })
        {
            var http = factory.CreateClientAs(role);
            using var export = await http.GetAsync("/api/export/employers");
            Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
            using var import = await http.PostAsync("/api/import/employers", Csv("id\n"));
            Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        }

        using var anonymous = await factory.CreateAnonymousClient().GetAsync("/api/export/clients");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_caseworker_imports_and_exports_clients_only_within_reach_and_each_is_audited_with_a_count()
    {
        using var factory = new OwnCaseloadFactory();
        var lines = SampleClientLines(30);
        var header = lines[0];
        var ownLines = lines.Skip(1).Select((l, i) => WithCell(header, l, "caseworker", i % 2 == 0 ? SkillsMatchFactory.DefaultCaseworker : "IFK-77")).ToList();
        var csv = string.Join('\n', [header, .. ownLines]) + "\n";

        // As another caseload's caseworker, half the rows are out of reach: refused, every such row named.
        var http = factory.CreateClient();
        var refused = await ImportAsync(http, "clients", csv, expected: HttpStatusCode.UnprocessableEntity);
        Assert.Equal(15, refused.GetProperty("invalid").GetInt64());
        Assert.All(refused.GetProperty("rows").EnumerateArray(), r => Assert.Equal("caseworker", r.GetProperty("column").GetString()));

        var partial = await ImportAsync(http, "clients", csv, skipInvalid: true);
        Assert.Equal(15, partial.GetProperty("created").GetInt64());

        // The operator's path (no reach) brings the rest.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<BulkImporter>();
            await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
            var result = await importer.ImportAsync(BulkEntity.Clients, stream, false, null, null, CancellationToken.None);
            Assert.True(result.Imported);
            Assert.Equal(15, result.Created);
            Assert.Equal(15, result.Unchanged);
        }

        var exported = await ExportAsync(http, "clients");
        var rows = exported.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(15, rows.Count);
        Assert.All(rows, r => Assert.Equal(SkillsMatchFactory.DefaultCaseworker, r.Split(',')[2]));

        var other = factory.CreateClientAs(Roles.Caseworker, caseworker: "IFK-77");
        var intrusion = await ImportAsync(other, "clients", string.Join('\n', [header, WithCell(header, lines[1], "caseworker", "IFK-77")]) + "\n", expected: HttpStatusCode.UnprocessableEntity);
        Assert.Equal("id", intrusion.GetProperty("rows")[0].GetProperty("column").GetString());

        var entries = await factory.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Endpoint.Contains("/api/")).OrderBy(e => e.Id).ToListAsync());
        var export = Assert.Single(entries, e => e.Endpoint == "GET /api/export/{entity}");
        Assert.Equal(15, export.ClientCount);
        Assert.Equal(string.Empty, export.ClientIds);
        Assert.Equal(AuditAction.List, export.Action);
        Assert.Equal(3, entries.Count(e => e.Endpoint == "POST /api/import/{entity}"));
    }

    [Fact]
    public async Task Command_line_import_reports_bad_rows_and_exits_1_then_imports_and_exports()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillsmatch-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var root = Cli.Create((_, _) => Task.FromResult(0));
            var storage = new[] { "--Storage:DataDirectory", folder, "--Storage:SeedSamplesOnStart", "false", "--Jobs:Enabled", "false" };
            var lines = SampleClientLines(10);
            lines[4] = WithCell(lines[0], lines[4], "hours_per_week", "99");
            var file = Path.Combine(folder, "clients.csv");
            await File.WriteAllTextAsync(file, string.Join('\n', lines) + "\n");

            var capture = await ConsoleCapture.StartAsync();
            var error = capture.Error;
            int refused, skipped, exported;
            try
            {
                refused = await root.Parse(["import", "clients", file, .. storage]).InvokeAsync();
                skipped = await root.Parse(["import", "clients", file, "--skip-invalid", .. storage]).InvokeAsync();
                exported = await root.Parse(["export", "clients", "--out", Path.Combine(folder, "out.csv"), .. storage]).InvokeAsync();
            }
            finally
            {
                await capture.DisposeAsync();
            }

            Assert.Equal(1, refused);
            Assert.Contains("line 5, column 'hours_per_week'", error.ToString(), StringComparison.Ordinal);
            Assert.Equal(0, skipped);
            Assert.Equal(0, exported);
            Assert.Equal(10, File.ReadAllLines(Path.Combine(folder, "out.csv")).Length);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
