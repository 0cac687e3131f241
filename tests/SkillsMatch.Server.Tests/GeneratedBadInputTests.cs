using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace SkillsMatch.Server.Tests;

/// <summary>
/// Issue 10's generated suite: thousands of malformed requests derived from the app's own OpenAPI
/// document (<see cref="BadInputCorpus"/>), sent one by one to the real app on a real database.
/// None may answer 5xx, and none that is refused may change a row count or a version.
/// </summary>
public sealed class GeneratedBadInputTests(SkillsMatchFactory factory, ITestOutputHelper output) : IClassFixture<SkillsMatchFactory>
{
    private const int Seed = 20_261_125;
    private const string SecondSkill = "fb3bc9b5-2297-4bba-85b1-60f696a92db8";

    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Malformed_requests_from_the_openapi_document_never_get_5xx_and_refused_ones_change_nothing()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("/openapi/v1.json"));
        var (seeds, versions) = await CreateSeedsAsync();
        var corpus = BadInputCorpus.Generate(document.RootElement, seeds, Seed);

        // The corpus covers every operation, parameter and body field the document declares.
        Assert.True(corpus.Count >= 5000, $"corpus of {corpus.Count}");
        Assert.Empty(BadInputCorpus.Operations(document.RootElement).Except(corpus.Select(r => r.Operation)));
        Assert.Empty(BadInputCorpus.Targets(document.RootElement).Except(corpus.Select(r => $"{r.Operation} {r.Target}")));

        var statuses = new SortedDictionary<int, int>();
        var byOperation = new SortedDictionary<string, SortedDictionary<int, int>>(StringComparer.Ordinal);
        var failures = new List<string>();

        // Data is compared after every write and after every run of GETs (safe methods; a run that changed anything is replayed one by one to name the request).
        var state = await factory.StateAsync();
        var gets = new List<MalformedRequest>();
        for (var i = 0; i < corpus.Count; i++)
        {
            var request = corpus[i];
            using var message = Message(request, versions);
            using var response = await _http.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var counts = byOperation.TryGetValue(request.Operation, out var c) ? c : byOperation[request.Operation] = [];
            counts[status] = counts.GetValueOrDefault(status) + 1;

            if (Verdict(request, response, text) is { } failure)
            {
                failures.Add(failure);
            }
            else if (request.Method == HttpMethod.Put && status is >= 200 and < 300)
            {
                using var updated = JsonDocument.Parse(text);
                versions[request.Url.Split('?')[0]] = updated.RootElement.GetProperty("version").GetInt64();
            }

            if (request.Method == HttpMethod.Get)
            {
                gets.Add(request);
                if (i + 1 < corpus.Count && corpus[i + 1].Method == HttpMethod.Get)
                {
                    continue;
                }
            }

            var after = await factory.StateAsync();
            if (after != state && request.Method == HttpMethod.Get)
            {
                failures.AddRange(await GetsThatChangeDataAsync(gets, versions));
                after = await factory.StateAsync();
            }
            else if (after != state && status >= 400)
            {
                failures.Add($"{status} but data changed ({state} → {after}): {request}");
            }

            gets.Clear();
            state = after;
        }

        output.WriteLine($"Corpus: {corpus.Count} malformed requests over {byOperation.Count} operations (seed {Seed}).");
        output.WriteLine("Status codes: " + Histogram(statuses));
        foreach (var (operation, counts) in byOperation)
        {
            output.WriteLine($"  {operation,-50} {Histogram(counts)}");
        }

        foreach (var failure in failures.Take(200))
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {string.Join(Environment.NewLine, failures.Take(20))}");
    }

    /// <summary>What is wrong with one answer, if anything: a 5xx, a malformed request accepted, a refusal without problem details, in the framework's English or not naming what was broken.</summary>
    private static string? Verdict(MalformedRequest request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var shown = body.Length > 300 ? body[..300] + "…" : body;
        if (status >= 500)
        {
            return $"{status}: {request} → {shown}";
        }

        if (status < 400)
        {
            return request.MustBeRefused ? $"{status}, accepted: {request} → {shown}" : null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} without problem details: {request}";
        }

        using var problem = JsonDocument.Parse(body);
        if (problem.RootElement.TryGetProperty("title", out var title) && title.GetString() == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status))
        {
            return $"{status} titled in the framework's English, not German: {request} → {shown}";
        }

        // Bulk import takes files far above the API's 256 KiB (Limits.BulkUploadBytes).
        if (request.Mutation.Contains("300 KiB", StringComparison.Ordinal) && status != 413 && !request.Operation.StartsWith("POST /api/import/", StringComparison.Ordinal))
        {
            return $"{status} instead of 413: {request}";
        }

        return status == 400 && request.Target is not ("body" or "request") && !Names(ProblemFields(problem.RootElement), request.Target)
            ? $"400 not naming {request.Target}: {request} → {shown}"
            : null;
    }

    private static string[] ProblemFields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(p => p.Name)] : [];

    private async Task<List<string>> GetsThatChangeDataAsync(List<MalformedRequest> gets, Dictionary<string, long> versions)
    {
        var culprits = new List<string>();
        foreach (var request in gets)
        {
            var before = await factory.StateAsync();
            using var message = Message(request, versions);
            using var response = await _http.SendAsync(message);
            if (await factory.StateAsync() is var after && after != before)
            {
                culprits.Add($"{(int)response.StatusCode} but data changed by a GET ({before} → {after}): {request}");
            }
        }

        return culprits.Count > 0 ? culprits : [$"data changed during a run of {gets.Count} GETs from {gets[0]}, not reproduced one by one"];
    }

    /// <summary>
    /// A refusal names the broken parameter or field, one inside it ("mustHave[0]" for "mustHave") or
    /// one containing it ("protected" for "protected.gender"); a date may be named by the other end of its range.
    /// </summary>
    private static bool Names(string[] fields, string target)
    {
        string[] partners = target switch
        {
            "from" => ["to"],
            "to" => ["from"],
            "periodStart" => ["periodEnd"],
            "periodEnd" => ["periodStart"],
            _ => [],
        };
        return fields.Any(f => string.Equals(f, target, StringComparison.OrdinalIgnoreCase)
            || f.StartsWith(target + ".", StringComparison.Ordinal) || f.StartsWith(target + "[", StringComparison.Ordinal)
            || target.StartsWith(f + ".", StringComparison.Ordinal) || target.StartsWith(f + "[", StringComparison.Ordinal)
            || partners.Contains(f, StringComparer.OrdinalIgnoreCase));
    }

    private static string Histogram(IDictionary<int, int> counts) =>
        string.Join(", ", counts.Select(c => $"{c.Key}×{c.Value}"));

    private static HttpRequestMessage Message(MalformedRequest request, Dictionary<string, long> versions)
    {
        var message = new HttpRequestMessage(request.Method, request.Url);
        var json = request.Json;
        if (request.TakesCurrentVersion && versions.TryGetValue(request.Url.Split('?')[0], out var version))
        {
            json!["version"] = version;
        }

        var body = request.Body();
        if (body is not null)
        {
            message.Content = request.Streamed ? new StreamContent(new UnseekableStream(body)) : new ByteArrayContent(body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        if (request.IfMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", request.IfMatch);
        }

        return message;
    }

    /// <summary>One resource of every kind, and a valid body for every input schema that refers to them.</summary>
    private async Task<(CorpusSeeds Seeds, Dictionary<string, long> Versions)> CreateSeedsAsync()
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        async Task<string> CreateAsync(string collection, JsonObject body)
        {
            var created = await _http.CreateAsync(collection, body);
            var id = created.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture);
            if (created.TryGetProperty("version", out var version))
            {
                versions[$"{collection}/{id}"] = version.GetInt64();
            }

            return id;
        }

        static JsonObject Node(object body) => JsonSerializer.SerializeToNode(body, SkillsMatchFactory.Json)!.AsObject();

        var employer = await CreateAsync("/api/employers", Node(Employer()));
        var round = await CreateAsync("/api/forum/rounds", Node(Round()));
        var need = await CreateAsync("/api/needs", Node(Need(employer, round)));
        var client = await CreateAsync("/api/clients", Node(Client()));
        var course = await CreateAsync("/api/courses", Node(Course()));
        var outcome = await CreateAsync("/api/outcomes", Node(Outcome(need, client)));
        var comment = await CreateAsync($"/api/needs/{need}/comments", Node(Comment()));

        var seeds = new CorpusSeeds(
            new Dictionary<string, string>
            {
                ["employers"] = employer, ["rounds"] = round, ["needs"] = need, ["clients"] = client, ["courses"] = course,
                ["outcomes"] = outcome, ["comments"] = comment, ["skills"] = TestData.OperateForklift, ["occupations"] = TestData.WarehouseWorker,
            },
            new Dictionary<string, Func<JsonObject>>
            {
                ["EmployerInput"] = () => Node(Employer()),
                ["ForumRoundInput"] = () => Node(Round()),
                ["NeedInput"] = () => Node(Need(employer, round)),
                ["NeedCommentInput"] = () => Node(Comment()),
                ["ClientInput"] = () => Node(Client()),
                ["CourseInput"] = () => Node(Course()),
                ["OutcomeInput"] = () => Node(Outcome(need, client)),
            },
            new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["GET /api/skills"] = new Dictionary<string, string> { ["q"] = "Stapler" },
                ["GET /api/occupations"] = new Dictionary<string, string> { ["q"] = "Lager" },
                ["GET /api/terms"] = new Dictionary<string, string> { ["q"] = "Staplerfahrer" },
                ["GET /api/clients/{id}/plan"] = new Dictionary<string, string> { ["need"] = need },
                ["GET /api/training/cohorts"] = new Dictionary<string, string> { ["region"] = "07339", ["from"] = "2027-01-01", ["to"] = "2027-06-30" },
            });
        return (seeds, versions);
    }

    private static Dictionary<string, object?> Employer() => TestData.Employer().With("contactName", "Frau Beispiel").With("version", 1L);

    private static object Round() => new { title = "Kompetenzforum Logistik", sector = "logistics", regionCode = "07339", date = "2027-02-10", notes = "Erste Runde", version = 1L };

    private static Dictionary<string, object?> Need(string employer, string round) =>
        TestData.Need(int.Parse(employer, CultureInfo.InvariantCulture))
            .With("forumRoundId", int.Parse(round, CultureInfo.InvariantCulture))
            .With("maxCommuteMinutes", 60)
            .With("niceToHave", new[] { new { skillId = SecondSkill, minLevel = 1 } })
            .With("furtherAbilities", "Teamfähigkeit")
            .With("version", 1L);

    private static Dictionary<string, object?> Client() =>
        TestData.Client().With("protected", new { gender = "female", birthYear = 1980, nationality = "DE", severeDisability = false }).With("version", 1L);

    private static Dictionary<string, object?> Course() => TestData.Course()
        .With("languagesTaught", new[] { new { code = "de", level = "B1" } })
        .With("prerequisiteSkills", new[] { new { skillId = SecondSkill, level = 1 } })
        .With("prerequisiteCertificates", new[] { "LIC-B" })
        .With("prerequisiteLanguages", new[] { new { code = "de", level = "A2" } })
        .With("version", 1L);

    private static object Outcome(string need, string client) => new
    {
        needId = int.Parse(need, CultureInfo.InvariantCulture),
        clientId = int.Parse(client, CultureInfo.InvariantCulture),
        stage = "Proposed",
        reason = "Passt gut",
        date = "2027-01-10",
        decidedBy = "IFK-01",
        rankAtProposal = 3,
        passOverReason = "Keiner",
        version = 1L,
    };

    private static object Comment() => new { author = "Arbeitgeber", text = "Bitte schnell." };

    /// <summary>A body without a known length, so the server cannot refuse it by Content-Length and must count while reading.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
