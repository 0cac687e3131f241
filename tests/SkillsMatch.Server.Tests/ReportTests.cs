using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Reports;

namespace SkillsMatch.Server.Tests;

/// <summary>Statistical confidentiality over random tables: nothing small survives, nothing hidden can be recovered from a total.</summary>
public sealed class SuppressionTests
{
    [Fact]
    public void No_small_count_survives_and_no_hidden_cell_is_recoverable_from_its_group()
    {
        for (var seed = 0; seed < 1_000; seed++)
        {
            var random = new Random(seed);
            var minCount = random.Next(1, 5);
            var table = RandomTable(random);
            var original = table.Rows.Select(r => r.ToArray()).ToList();
            Suppression.Apply(table, minCount);

            for (var r = 0; r < table.Rows.Count; r++)
            {
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var cell = table.Rows[r][c];
                    if (table.Columns[c].Kind == ColumnKind.ClientCount && cell is int n)
                    {
                        Assert.False(n >= 1 && n <= minCount, $"seed {seed}: {n} at ({r},{c}) survived with threshold {minCount}");
                    }

                    Assert.True(Suppression.IsSuppressed(cell) || Equals(cell, original[r][c]), $"seed {seed}: a visible cell changed");
                }
            }

            foreach (var group in table.Groups)
            {
                // One unknown in "total = sum of parts" would be the total minus the visible cells.
                var members = group.Parts.Append(group.Total).ToList();
                var unknown = members.Where(m => Suppression.IsSuppressed(table.Rows[m.Row][m.Column])).ToList();
                if (unknown.Count == 1)
                {
                    var visible = group.Parts.Where(p => !Suppression.IsSuppressed(table.Rows[p.Row][p.Column])).Sum(p => (int)table.Rows[p.Row][p.Column]!);
                    var hidden = (int)original[unknown[0].Row][unknown[0].Column]!;
                    var recovered = unknown[0] == group.Total ? visible : (int)original[group.Total.Row][group.Total.Column]! - visible;
                    Assert.Fail($"seed {seed}: the hidden {hidden} at {unknown[0]} is recoverable as {recovered}");
                }
            }

            // Ratios of a hidden count are hidden.
            var ratio = table.Columns.Count - 1;
            foreach (var row in table.Rows)
            {
                if (Suppression.IsSuppressed(row[2]))
                {
                    Assert.True(Suppression.IsSuppressed(row[ratio]), $"seed {seed}: a ratio of a hidden count is visible");
                }
            }
        }
    }

    [Fact]
    public void A_single_small_cell_in_a_column_with_a_total_takes_the_next_smallest_with_it()
    {
        var table = new ReportTable("t", "t", [new("name", "Name", ColumnKind.Text), new("clients", "Klienten", ColumnKind.ClientCount)]);
        table.Add("a", 2).Add("b", 7).Add("c", 5).Add("Insgesamt", 14);
        table.AddColumnTotals(3, [0, 1, 2]);

        Suppression.Apply(table, 2);

        Assert.Same(ReportTable.Suppressed, table.Rows[0][1]);
        Assert.Same(ReportTable.Suppressed, table.Rows[2][1]);
        Assert.Equal(7, table.Rows[1][1]);
        Assert.Equal(14, table.Rows[3][1]);
        Assert.Contains(table.Notes, n => n.Contains('*', StringComparison.Ordinal));
    }

    /// <summary>
    /// Rows of client counts in <c>k</c> columns, a total column per row and a total row, both
    /// registered as groups; many small values, some zeros, a ratio derived from the first count.
    /// </summary>
    private static ReportTable RandomTable(Random random)
    {
        var rows = random.Next(1, 9);
        var counts = random.Next(1, 5);
        var columns = new List<ReportColumn> { new("name", "Name", ColumnKind.Text), new("needs", "Bedarfe", ColumnKind.Count) };
        columns.AddRange(Enumerable.Range(0, counts).Select(i => new ReportColumn($"c{i}", $"Spalte {i}", ColumnKind.ClientCount)));
        columns.Add(new("sum", "Summe", ColumnKind.ClientCount));
        columns.Add(new("ratio", "Quote", ColumnKind.Ratio) { DerivedFrom = ["c0"] });
        var table = new ReportTable("random", "Zufall", columns);
        var columnTotals = new int[counts + 1];
        for (var r = 0; r < rows; r++)
        {
            var values = Enumerable.Range(0, counts).Select(_ => random.Next(4) switch { 0 => 0, 1 => random.Next(1, 4), 2 => random.Next(1, 8), _ => random.Next(1, 40) }).ToArray();
            var row = new List<object?> { $"r{r}", random.Next(0, 50) };
            row.AddRange(values.Cast<object?>());
            row.Add(values.Sum());
            row.Add(values[0] == 0 ? null : 1.5);
            table.Add([.. row]);
            for (var i = 0; i < counts; i++)
            {
                columnTotals[i] += values[i];
            }

            columnTotals[counts] += values.Sum();
            table.Groups.Add(new CellGroup(new CellRef(r, 2 + counts), [.. Enumerable.Range(0, counts).Select(i => new CellRef(r, 2 + i))]));
        }

        var totalRow = new List<object?> { "Insgesamt", 0 };
        totalRow.AddRange(columnTotals.Cast<object?>());
        totalRow.Add(null);
        table.Add([.. totalRow]);
        table.AddColumnTotals(rows, [.. Enumerable.Range(0, rows)]);
        table.Groups.Add(new CellGroup(new CellRef(rows, 2 + counts), [.. Enumerable.Range(0, counts).Select(i => new CellRef(rows, 2 + i))]));
        return table;
    }
}

/// <summary>The writers: dialects and formula neutralising in CSV and xlsx.</summary>
public sealed class ReportWriterTests
{
    private static readonly string[] Formulas = ["=1+2", "+49 6131", "-SUM(A1)", "@cmd", "\tTab", "\rReturn"];

    private static ReportTable Table()
    {
        var table = new ReportTable("demand", "Bedarf",
        [
            new("region", "Region", ColumnKind.Text),
            new("clients", "Klienten", ColumnKind.ClientCount),
            new("ratio", "Quote", ColumnKind.Ratio),
            new("change", "Veränderung (%)", ColumnKind.Ratio) { DerivedFrom = ["none"] },
            new("start", "Beginn", ColumnKind.Date),
        ]);
        foreach (var (formula, i) in Formulas.Select((f, i) => (f, i)))
        {
            table.Add(formula, 10 + i, 1.25, -3.5, new DateOnly(2026, 7, 1));
        }

        table.Add("Mainz", ReportTable.Suppressed, ReportTable.Suppressed, null, null);
        return table;
    }

    [Fact]
    public async Task German_excel_csv_has_a_bom_semicolons_decimal_commas_labels_and_no_live_formula()
    {
        using var stream = new MemoryStream();
        await ReportWriter.WriteCsvAsync(stream, [Table()], CsvDialect.GermanExcel, default);
        var bytes = stream.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Region;Klienten;Quote;Veränderung (%);Beginn", lines[0]);
        Assert.Contains("1,25", lines[1], StringComparison.Ordinal);
        Assert.Contains(";-3,5;", lines[1], StringComparison.Ordinal);
        Assert.Contains("01.07.2026", lines[1], StringComparison.Ordinal);
        Assert.Contains("Mainz;*;*;;", text, StringComparison.Ordinal);
        AssertNoLiveFormula(ReadCsvFirstColumn(text, ';'));
    }

    [Fact]
    public async Task Rfc4180_csv_has_commas_no_bom_invariant_numbers_and_keys()
    {
        using var stream = new MemoryStream();
        await ReportWriter.WriteCsvAsync(stream, [Table()], CsvDialect.Rfc4180, default);
        var bytes = stream.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("region,clients,ratio,change,start", lines[0]);
        Assert.Contains(",1.25,-3.5,2026-07-01", lines[1], StringComparison.Ordinal);
        AssertNoLiveFormula(ReadCsvFirstColumn(text, ','));
    }

    [Fact]
    public async Task Xlsx_has_a_sheet_per_table_and_no_live_formula()
    {
        var second = new ReportTable("commission", "Qualifizierung", [new("course", "Kurs", ColumnKind.Text)]);
        second.Add("=HYPERLINK(\"http://x\")");
        using var stream = new MemoryStream();
        await ReportWriter.WriteXlsxAsync(stream, [Table(), second], default);
        stream.Position = 0;
        var sheets = MiniExcel.GetSheetNames(stream);
        Assert.Contains("demand", sheets);
        Assert.Contains("commission", sheets);
        stream.Position = 0;
        var rows = stream.Query(useHeaderRow: true, sheetName: "demand").Cast<IDictionary<string, object>>().ToList();
        // XML reads a carriage return back as a line feed.
        AssertNoLiveFormula([.. rows.Select(r => (r["Region"]?.ToString() ?? "").Replace("'\n", "'\r", StringComparison.Ordinal))]);
        Assert.Equal("*", rows[^1]["Klienten"]?.ToString());
        Assert.Equal(10, Convert.ToInt32(rows[0]["Klienten"], System.Globalization.CultureInfo.InvariantCulture));
        stream.Position = 0;
        var course = stream.Query(useHeaderRow: true, sheetName: "commission").Cast<IDictionary<string, object>>().Single();
        Assert.StartsWith("'=", course["Kurs"]?.ToString(), StringComparison.Ordinal);
    }

    private static void AssertNoLiveFormula(IReadOnlyList<string> cells)
    {
        foreach (var formula in Formulas)
        {
            Assert.True(cells.Contains("'" + formula), string.Join("|", cells.Select(c => JsonSerializer.Serialize(c))));
        }

        Assert.DoesNotContain(cells, c => c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal));
    }

    /// <summary>The first field of every record after the header, unquoted.</summary>
    private static List<string> ReadCsvFirstColumn(string text, char separator)
    {
        var cells = new List<string>();
        var i = text.IndexOf("\r\n", StringComparison.Ordinal) + 2;
        while (i < text.Length)
        {
            string cell;
            if (text[i] == '"')
            {
                var end = i + 1;
                var builder = new StringBuilder();
                while (true)
                {
                    if (text[end] == '"' && end + 1 < text.Length && text[end + 1] == '"')
                    {
                        builder.Append('"');
                        end += 2;
                    }
                    else if (text[end] == '"')
                    {
                        break;
                    }
                    else
                    {
                        builder.Append(text[end++]);
                    }
                }

                cell = builder.ToString();
                i = end + 1;
            }
            else
            {
                var end = text.IndexOf(separator, i);
                cell = text[i..end];
                i = end;
            }

            cells.Add(cell);
            var next = text.IndexOf("\r\n", i, StringComparison.Ordinal);
            i = next < 0 ? text.Length : next + 2;
        }

        return cells;
    }
}

/// <summary>The command-line verb: a file in the format asked for, progress on standard error, usage errors exit 2.</summary>
public sealed class ReportCliTests
{
    [Fact]
    public async Task Report_verb_writes_demand_as_csv_and_commission_as_xlsx()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillsmatch-cli-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var root = Cli.Create((_, _) => Task.FromResult(0));
            var storage = new[] { "--Storage:DataDirectory", folder, "--Storage:SeedSamplesOnStart", "false", "--Jobs:Enabled", "false" };
            Assert.Equal(0, await root.Parse(["samples", "import", Features.Samples.SampleFiles.Locate(null), .. storage]).InvokeAsync());
            var csv = Path.Combine(folder, "bedarf.csv");
            var xlsx = Path.Combine(folder, "kurse.xlsx");
            int demand, commission, bad;
            var capture = await ConsoleCapture.StartAsync();
            var error = capture.Error;
            try
            {
                demand = await root.Parse(["report", "demand", "--from", "2027-01-01", "--to", "2027-03-31", "--by", "verbandsgemeinde", "--period", "quarter", "--format", "csv", "--out", csv, .. storage]).InvokeAsync();
                commission = await root.Parse(["report", "commission", "--from", "2027-01-01", "--to", "2027-03-31", "--format", "xlsx", "--out", xlsx, .. storage]).InvokeAsync();
                bad = await root.Parse(["report", "fairy", "--from", "2027-01-01", "--to", "2030-01-01", .. storage]).InvokeAsync();
            }
            finally
            {
                await capture.DisposeAsync();
            }

            Assert.Equal(0, demand);
            Assert.Equal(0, commission);
            Assert.Equal(2, bad);
            Assert.Contains("Bedarfe gerankt", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("name:", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("to:", error.ToString(), StringComparison.Ordinal);
            var bytes = await File.ReadAllBytesAsync(csv);
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            Assert.Contains("2027-Q1", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            await using var workbook = File.OpenRead(xlsx);
            Assert.Contains("commission", MiniExcel.GetSheetNames(workbook));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

/// <summary>The report endpoints on the sample county, checked against counts made here from the raw rows.</summary>
public sealed class ReportApiTests(SeededSkillsMatchFactory factory) : IClassFixture<SeededSkillsMatchFactory>
{
    private const string Period = "from=2026-01-01&to=2027-06-30";

    [Fact]
    public async Task Demand_headcount_per_county_and_month_equals_the_sum_over_the_need_rows()
    {
        var http = factory.CreateClientAs(Roles.Planner);
        var answer = await (await http.GetAsync($"/api/reports/demand?by=county&period=month&{Period}")).JsonAsync();
        var table = answer.GetProperty("tables")[0];
        Assert.Equal("demand", table.GetProperty("name").GetString());

        var reference = factory.Services.GetRequiredService<ReferenceData>();
        var needs = await factory.WithDbAsync(db => db.Needs.AsNoTracking()
            .Where(n => n.Status != NeedStatus.Closed && n.PeriodStart >= new DateOnly(2026, 1, 1) && n.PeriodStart < new DateOnly(2027, 7, 1))
            .Select(n => new { n.MunicipalityAgs, n.PeriodStart, n.Headcount, n.EmployerId })
            .ToListAsync());
        var expected = needs
            .GroupBy(n => (County: reference.Regions.Find(n.MunicipalityAgs)!.DistrictAgs, Month: n.PeriodStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(g => g.Key, g => (Headcount: g.Sum(n => n.Headcount), Needs: g.Count(), Employers: g.Select(n => n.EmployerId).Distinct().Count()));
        Assert.NotEmpty(expected);

        var rows = table.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("regionCode").GetString() != "").ToList();
        var actual = rows.ToDictionary(
            r => (r.GetProperty("regionCode").GetString()!, r.GetProperty("period").GetString()!),
            r => (r.GetProperty("headcount").GetInt32(), r.GetProperty("needs").GetInt32(), r.GetProperty("employers").GetInt32()));
        Assert.Equal(expected.OrderBy(p => p.Key).ToList(), actual.OrderBy(p => p.Key).ToList());

        // Clients ready now are counted for open needs, and suppression leaves no 1 or 2 visible.
        Assert.Contains(rows, r => r.GetProperty("readyNow").ValueKind == JsonValueKind.Number && r.GetProperty("readyNow").GetInt32() > 2);
        Assert.DoesNotContain(rows, r => r.GetProperty("readyNow").ValueKind == JsonValueKind.Number && r.GetProperty("readyNow").GetInt32() is 1 or 2);
    }

    [Fact]
    public async Task Demand_clients_ready_now_and_with_training_equal_a_count_over_every_retrieved_candidate_planned()
    {
        var http = factory.CreateClientAs(Roles.Planner);
        var answer = await (await http.GetAsync("/api/reports/demand?by=county&from=2027-01-01&to=2027-02-28")).JsonAsync();
        var rows = answer.GetProperty("tables")[0].GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("regionCode").GetString() != "")
            .ToDictionary(r => (r.GetProperty("regionCode").GetString()!, r.GetProperty("period").GetString()!));

        var reference = factory.Services.GetRequiredService<ReferenceData>();
        var expected = await factory.WithDbAsync(async db =>
        {
            var needs = await db.Needs.AsNoTracking()
                .Where(n => (n.Status == NeedStatus.Open || n.Status == NeedStatus.Draft) && n.PeriodStart >= new DateOnly(2027, 1, 1) && n.PeriodStart < new DateOnly(2027, 3, 1))
                .ToListAsync();
            var matcher = (await factory.Services.GetRequiredService<Features.Matching.CandidateIndexHost>().CurrentAsync(db, default)).RescoringEveryRow();
            return needs
                .Select(n => (Key: (reference.Regions.Find(n.MunicipalityAgs)!.DistrictAgs, n.PeriodStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
                    Candidates: matcher.CandidatesFor(Features.Matching.ProfileMapping.ToProfile(n), NeedReadiness.DefaultCandidatesPerNeed, factory.Today, Engine.Taxonomy.Language.German)))
                .GroupBy(p => p.Key)
                .ToDictionary(g => g.Key, g =>
                {
                    // Ready now: nothing missing at all; with training: a plan ready in time, and not ready now for another need of the row.
                    var now = g.SelectMany(p => p.Candidates).Where(c => c.Plan is null && c.Features is { MustHaveCoverage: >= 1, LevelDeficit: <= 0, CertificateGap: <= 0, LanguageGap: <= 0 })
                        .Select(c => c.ClientId).ToHashSet();
                    var trained = g.SelectMany(p => p.Candidates).Where(c => c.Plan is { ReadyInTime: true } && !now.Contains(c.ClientId)).Select(c => c.ClientId).ToHashSet();
                    return (Now: now.Count, Trained: trained.Count);
                });
        });

        Assert.NotEmpty(expected);
        foreach (var (key, (now, trained)) in expected)
        {
            // A visible cell is the exact count; a hidden one is small, or hidden secondarily beside a total.
            var row = rows[key];
            foreach (var (column, count) in new[] { ("readyNow", now), ("readyWithTraining", trained) })
            {
                var cell = Cell(row.GetProperty(column));
                if (count is >= 1 and <= 2)
                {
                    Assert.Equal("*", cell);
                }
                else if (cell != "*")
                {
                    Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), cell);
                }
            }
        }

        Assert.Contains(expected.Values, v => v.Now + v.Trained > 0);
    }

    private static string Cell(JsonElement cell) => cell.ValueKind == JsonValueKind.Number ? cell.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : cell.GetString()!;

    [Fact]
    public async Task Demand_groups_by_verbandsgemeinde_and_skill_by_quarter_and_answers_csv_and_xlsx()
    {
        var http = factory.CreateClientAs(Roles.Admin);
        var json = await (await http.GetAsync($"/api/reports/demand?by=verbandsgemeinde,isco&period=quarter&horizon=short&{Period}")).JsonAsync();
        var rows = json.GetProperty("tables")[0].GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("period").GetString() == "2026-Q4");
        Assert.Contains(rows, r => r.GetProperty("group").GetString()!.StartsWith("ISCO-08 ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.GetProperty("regionCode").GetString()!.Length == 9);
        var training = json.GetProperty("tables")[1];
        Assert.Equal("training", training.GetProperty("name").GetString());
        var courses = training.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(courses);
        Assert.All(courses, c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("course").GetString())));
        Assert.DoesNotContain(courses, c => c.GetProperty("clients").ValueKind == JsonValueKind.Number && c.GetProperty("clients").GetInt32() is 1 or 2);

        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/demand?by=county,skill&{Period}");
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await http.SendAsync(csvRequest);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var header = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[0];
        Assert.StartsWith("Region;Regionalschlüssel;Muss-Kompetenz;", header, StringComparison.Ordinal);
        Assert.Matches(@";\d+,\d+;", Encoding.UTF8.GetString(bytes));

        var rfc = await (await http.GetAsync($"/api/reports/demand?format=csv&dialect=rfc4180&{Period}")).Content.ReadAsStringAsync();
        Assert.StartsWith("region,regionCode,period,needs,headcount", rfc, StringComparison.Ordinal);

        using var xlsxRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/demand?{Period}");
        xlsxRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ReportWriter.XlsxType));
        using var xlsx = await http.SendAsync(xlsxRequest);
        Assert.Equal(ReportWriter.XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
        using var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["demand", "training", "Hinweise"], MiniExcel.GetSheetNames(sheet));
    }

    [Fact]
    public async Task Commission_names_courses_skills_employers_and_rounds()
    {
        var http = factory.CreateClientAs(Roles.Planner);
        var json = await (await http.GetAsync("/api/reports/commission?region=07339&from=2026-07-01&to=2028-07-01")).JsonAsync();
        var rows = json.GetProperty("tables")[0].GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("employers").GetString())));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("skills").GetString())));
        Assert.Contains(rows, r => !string.IsNullOrEmpty(r.GetProperty("forumRounds").GetString()));
        Assert.All(rows, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", r.GetProperty("earliestNeedStart").GetString()!));
        Assert.DoesNotContain(rows, r => r.GetProperty("clients").ValueKind == JsonValueKind.Number && r.GetProperty("clients").GetInt32() is 1 or 2);
    }

    [Fact]
    public async Task Planners_and_admins_read_reports_others_do_not_and_bad_parameters_are_named()
    {
        const string demand = "/api/reports/demand?from=2026-10-01&to=2026-10-31";
        const string commission = "/api/reports/commission?from=2026-10-01&to=2026-10-31";
        foreach (var url in new[] { demand, commission })
        {
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientAs(Roles.Planner).GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientAs(Roles.Admin).GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClient().GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientAs(Roles.Employer, employerId: 1).GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateAnonymousClient().GetAsync(url)).StatusCode);
        }

        var planner = factory.CreateClientAs(Roles.Planner);
        var bad = await planner.GetAsync("/api/reports/demand?by=planet&period=week&horizon=long&format=pdf&dialect=x&from=2026-01-01&to=2029-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["by", "dialect", "format", "horizon", "period", "to"], (await bad.ProblemFieldsAsync()).Order(StringComparer.Ordinal));
        var missing = await planner.GetAsync("/api/reports/commission?region=99999");
        Assert.Equal(["from", "region", "to"], (await missing.ProblemFieldsAsync()).Order(StringComparer.Ordinal));
    }
}
