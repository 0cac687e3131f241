using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace SkillsMatch.Server.Tests;

public sealed class CatalogueImportTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private const string Header =
        "provider,provider_course_id,title,content,duration_weeks,hours_per_week,format,start_dates,seats_per_cohort,cost_euros,funding,azav,municipality_ags,certificates,series_id,series_name,module,requires_modules,childcare_compatible\n";

    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Catalogue_with_bad_rows_names_line_and_column_and_imports_nothing()
    {
        var provider = Provider();
        var csv = Header
            + $"{provider},L-1,Lagerlogistik kompakt,\"Gabelstapler fahren, Ware kommissionieren\",4,35,FullTime,2027-01-11;2027-02-08,12,1800,Bildungsgutschein,true,{TestData.Ingelheim},,,,,,false\n"
            + $"{provider},L-2,Lager Teilzeit,Ware kommissionieren,6,20,PartTime,2027-13-01,12,1500,Bildungsgutschein,true,{TestData.Ingelheim},,,,,,true\n"
            + $"{provider},L-3,Lager Modul 2,Ware kommissionieren,8,35,FullTime,2027-03-01,12,2400,Lotterie,true,{TestData.Ingelheim},,TQ-LAGER,TQ Lager,2,3,false\n";

        var response = await _http.PostAsync("/api/courses/import", Csv(csv));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var rows = (await response.JsonAsync()).GetProperty("rows").EnumerateArray()
            .Select(r => (Line: r.GetProperty("line").GetInt64(), Column: r.GetProperty("column").GetString())).ToList();
        Assert.Contains((3L, "start_dates"), rows);
        Assert.Contains((4L, "funding"), rows);
        Assert.Contains((4L, "requires_modules"), rows);
        Assert.DoesNotContain(rows, r => r.Line == 2);
        Assert.Equal(0, await CountAsync(provider));
    }

    [Fact]
    public async Task Importing_a_catalogue_twice_is_importing_it_once_and_contents_become_skills()
    {
        var provider = Provider();
        var csv = Header
            + $"{provider},S-1,Staplerschein,\"Gabelstapler fahren, Ladung sichern\",1,35,FullTime,2027-01-11;2027-01-25,10,480,Bildungsgutschein,true,{TestData.Ingelheim},FORKLIFT,,,,,false\n"
            + $"{provider},TQ-1,TQ Lager Modul 1,\"Kommissionieren, Gabelstapler fahren\",8,20,PartTime,2027-01-04,12,2400,Bildungsgutschein,true,{TestData.Ingelheim},,TQ-LAGER,TQ Lager,1,,true\n"
            + $"{provider},TQ-2,TQ Lager Modul 2,Kommissionieren,8,20,PartTime,2027-03-01,12,2400,Bildungsgutschein,true,{TestData.Ingelheim},,TQ-LAGER,TQ Lager,2,1,true\n";

        var response = await _http.PostAsync("/api/courses/import", Csv(csv));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var first = await response.JsonAsync();
        Assert.Equal(3, first.GetProperty("created").GetInt32());
        var again = await (await _http.PostAsync("/api/courses/import", Csv(csv))).JsonAsync();
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        Assert.Equal(3, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(3, await CountAsync(provider));

        var courses = (await (await _http.GetAsync($"/api/courses?provider={Uri.EscapeDataString(provider)}")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.All(courses, c => Assert.Equal(1, c.GetProperty("version").GetInt64()));
        var module2 = courses.Single(c => c.GetProperty("providerCourseId").GetString() == "TQ-2");
        Assert.Equal("TQ-LAGER", module2.GetProperty("seriesId").GetString());
        Assert.Equal([1], module2.GetProperty("requiresModules").EnumerateArray().Select(m => m.GetInt32()));
        Assert.True(module2.GetProperty("childcareCompatible").GetBoolean());
        Assert.NotEmpty(module2.GetProperty("skills").EnumerateArray());
        var forklift = courses.Single(c => c.GetProperty("providerCourseId").GetString() == "S-1");
        Assert.NotEmpty(forklift.GetProperty("skills").EnumerateArray());

        // A changed row updates its course, and only that one.
        var changed = await (await _http.PostAsync("/api/courses/import", Csv(csv.Replace(",480,", ",520,", StringComparison.Ordinal)))).JsonAsync();
        Assert.Equal(1, changed.GetProperty("updated").GetInt32());
        Assert.Equal(2, changed.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Catalogue_is_also_taken_as_json()
    {
        var provider = Provider();
        var row = new
        {
            provider, providerCourseId = "J-1", title = "Erste Hilfe", content = "Erste Hilfe leisten", durationWeeks = 1, hoursPerWeek = 8, format = "PartTime",
            startDates = "2027-01-15", seatsPerCohort = 15, costEuros = 60, funding = "AVGS", azav = true, municipalityAgs = TestData.Ingelheim, certificates = "FIRST-AID",
        };

        var response = await _http.PostAsJsonAsync("/api/courses/import", new[] { row });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await CountAsync(provider));
        var bad = await _http.PostAsJsonAsync("/api/courses/import", new[] { row with { providerCourseId = "J-2", durationWeeks = 0 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(1, await CountAsync(provider));
    }

    private static string Provider() => $"Bildungswerk {Guid.NewGuid():N}"[..30];

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<int> CountAsync(string provider) =>
        (await (await _http.GetAsync($"/api/courses?provider={Uri.EscapeDataString(provider)}")).JsonAsync()).GetProperty("total").GetInt32();
}
