using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SkillsMatch.Server.Tests;

/// <summary>Valid requests over real reference ids; tests change one field at a time.</summary>
public static class TestData
{
    public const string OperateForklift = "28cb374e-6261-4133-8371-f9a5470145da";
    public const string WarehouseWorker = "bea705fe-06ac-4147-b8e0-6e8ac1208d8f";
    public const string Bingen = "07339005";
    public const string Ingelheim = "07339030";

    private static int s_counter;

    public static Dictionary<string, object?> Employer() => new()
    {
        ["name"] = $"Testlogistik {Interlocked.Increment(ref s_counter)} GmbH",
        ["sector"] = "logistics",
        ["municipalityAgs"] = Bingen,
        ["contactEmail"] = "personal@example.org",
    };

    public static Dictionary<string, object?> Need(int employerId) => new()
    {
        ["kind"] = "Vacancy",
        ["employerId"] = employerId,
        ["title"] = "Lagerhelfer (m/w/d)",
        ["occupationId"] = WarehouseWorker,
        ["headcount"] = 2,
        ["periodStart"] = "2027-03-01",
        ["periodEnd"] = "2027-10-31",
        ["hoursPerWeek"] = 40,
        ["shiftWork"] = true,
        ["municipalityAgs"] = Bingen,
        ["mustHave"] = new[] { new { skillId = OperateForklift, minLevel = 2 } },
        ["niceToHave"] = Array.Empty<object>(),
        ["certificates"] = new[] { "FORKLIFT" },
        ["languages"] = new[] { new { code = "de", level = "B1" } },
    };

    public static Dictionary<string, object?> Client() => new()
    {
        ["reference"] = $"T-{Interlocked.Increment(ref s_counter):000000}",
        ["caseworker"] = "IFK-01",
        ["skills"] = new[] { new { skillId = OperateForklift, level = 2, evidence = "WorkExperience" } },
        ["certificates"] = new[] { "FORKLIFT", "LIC-B" },
        ["languages"] = new[] { new { code = "de", level = "B2" } },
        ["pastOccupations"] = new[] { new { occupationId = WarehouseWorker, years = 3.5 } },
        ["desiredOccupations"] = new[] { WarehouseWorker },
        ["availableFrom"] = "2027-01-15",
        ["hoursPerWeek"] = 30,
        ["drivingLicence"] = true,
        ["hasCar"] = false,
        ["maxCommuteMinutes"] = 45,
        ["homeMunicipalityAgs"] = Ingelheim,
        ["barriers"] = new[] { "childcare" },
        ["consentToShare"] = true,
    };

    public static Dictionary<string, object?> Course() => new()
    {
        ["provider"] = "Bildungswerk Test",
        ["title"] = "Staplerschein kompakt",
        ["skills"] = new[] { new { skillId = OperateForklift, level = 2 } },
        ["certificatesAwarded"] = new[] { "FORKLIFT" },
        ["durationWeeks"] = 1,
        ["hoursPerWeek"] = 40,
        ["cohorts"] = new[] { new { startDate = "2027-02-01", capacity = 12, seatsTaken = 3 } },
        ["municipalityAgs"] = Bingen,
        ["remote"] = false,
        ["costEuros"] = 490.00m,
        ["funding"] = new[] { "Bildungsgutschein" },
        ["azavCertified"] = true,
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string field, object? value)
    {
        var copy = new Dictionary<string, object?>(body) { [field] = value };
        return copy;
    }

    public static async Task<JsonElement> CreateAsync(this HttpClient http, string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<int> CreateEmployerAsync(this HttpClient http) =>
        (await http.CreateAsync("/api/employers", Employer())).GetProperty("id").GetInt32();

    public static async Task<int> CreateNeedAsync(this HttpClient http, int employerId, Func<Dictionary<string, object?>, Dictionary<string, object?>>? change = null) =>
        (await http.CreateAsync("/api/needs", (change ?? (b => b))(Need(employerId)))).GetProperty("id").GetInt32();
}
