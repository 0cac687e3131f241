using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SkillsMatch.Server.Tests;

/// <summary>/docs is usable by people: every operation and parameter described, a German introduction, and "required" marks that are true.</summary>
public sealed class OpenApiDocsTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    private async Task<JsonElement> DocumentAsync() => await (await _http.GetAsync("/openapi/v1.json")).JsonAsync();

    private static IEnumerable<(string Key, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where method.Name is "get" or "post" or "put" or "delete" or "patch"
        select ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value);

    [Fact]
    public async Task Every_operation_and_parameter_is_described_and_no_text_names_a_missing_operation()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 70, $"{operations.Count} operations");
        var undescribed = operations
            .Where(o => !o.Operation.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString())
                || !o.Operation.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString()))
            .Select(o => o.Key).ToList();
        Assert.Empty(undescribed);
        var parameters = operations
            .SelectMany(o => o.Operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().Select(p => (o.Key, p)) : [])
            .Where(x => !x.p.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString()))
            .Select(x => $"{x.Key}:{x.p.GetProperty("name").GetString()}").ToList();
        Assert.Empty(parameters);

        var keys = operations.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var stale = Api.OpenApiTexts.Operations.Keys.Where(k => !keys.Contains(k))
            .Concat(Api.OpenApiTexts.Parameters.Keys.Where(k => k.Contains(':', StringComparison.Ordinal) && !keys.Contains(k[..k.LastIndexOf(':')])))
            .ToList();
        Assert.True(stale.Count == 0, "Texts for operations that do not exist: " + string.Join(", ", stale));

        var info = document.GetProperty("info");
        Assert.Equal("SkillsMatch API", info.GetProperty("title").GetString());
        Assert.Contains("Kompetenzforum", info.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.All(document.GetProperty("tags").EnumerateArray(), tag => Assert.False(string.IsNullOrWhiteSpace(tag.GetProperty("description").GetString()), tag.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_need_example_in_the_docs_is_a_body_the_api_accepts()
    {
        var document = await DocumentAsync();
        var example = document.GetProperty("paths").GetProperty("/api/needs").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("example");
        var employer = await _http.CreateEmployerAsync();
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(example.GetRawText())!;
        body["employerId"] = employer;
        var response = await _http.PostAsJsonAsync("/api/needs", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>
    /// The marks are the validator's: a body of only the fields marked required is accepted, and leaving out any one
    /// of them is refused naming that field. So no field is marked required that the API does without, and none missing.
    /// </summary>
    [Theory]
    [InlineData("NeedInput", "/api/needs")]
    [InlineData("EmployerInput", "/api/employers")]
    [InlineData("ClientInput", "/api/clients")]
    public async Task Required_marks_are_exactly_what_the_api_requires(string schema, string path)
    {
        var document = await DocumentAsync();
        var required = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("required")
            .EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.NotEmpty(required);
        Dictionary<string, object?> full = schema switch
        {
            "NeedInput" => TestData.Need(await _http.CreateEmployerAsync()),
            "EmployerInput" => TestData.Employer(),
            _ => TestData.Client(),
        };
        var minimal = full.Where(p => required.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(required.Order(StringComparer.Ordinal), minimal.Keys.Order(StringComparer.Ordinal));
        var accepted = await _http.PostAsJsonAsync(path, minimal);
        Assert.True(accepted.StatusCode == HttpStatusCode.Created, $"{schema} with only {string.Join(", ", required)}: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");

        foreach (var field in required)
        {
            var without = minimal.Where(p => p.Key != field).ToDictionary(p => p.Key, p => p.Value);
            if (schema == "ClientInput")
            {
                without["reference"] = field == "reference" ? null : $"R-{Guid.NewGuid():N}"[..12];
                without.Remove(field);
            }

            var refused = await _http.PostAsJsonAsync(path, without);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{schema} without {field}: {(int)refused.StatusCode}");
            Assert.Contains(field, await refused.ProblemFieldsAsync(), StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Docs_page_answers_without_the_vendor_ai_and_sdk_buttons()
    {
        var docs = await _http.GetStringAsync("/docs/");
        Assert.Contains("SkillsMatch API", docs, StringComparison.Ordinal);
        Assert.Contains("\"hideClientButton\":true", docs.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
