using System.Net.Http.Json;
using System.Text;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Tests;

/// <summary>
/// Every operation of the OpenAPI document, called anonymously and as every role, against the
/// expected answer from the table below. An operation missing from the table fails the test, so a
/// new endpoint cannot ship without a decision on who may call it.
/// </summary>
public sealed class AuthorizationMatrixTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private const string Provider = "Matrix-Bildungsträger";

    /// <summary>
    /// Columns: anonymous, Employer, Caseworker, TrainingProvider, Planner, Admin.
    /// A = admitted (any answer but 401/403), U = 401, F = 403, P = public (any answer but 403).
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["DELETE /api/admin/users/{id}"] = "UFFFFA",
        ["DELETE /api/clients/{id}"] = "UFAFFF",
        ["DELETE /api/courses/{id}"] = "UFAAFF",
        ["DELETE /api/employers/{id}"] = "UFAFFA",
        ["DELETE /api/forum/rounds/{id}"] = "UFAFFA",
        ["DELETE /api/needs/{id}"] = "UAAFFF",
        ["DELETE /api/needs/{needId}/comments/{commentId}"] = "UAAFFF",
        ["DELETE /api/outcomes/{id}"] = "UFAFFF",
        ["GET /api/admin/audit"] = "UFFFFA",
        ["GET /api/admin/audit/export"] = "UFFFFA",
        ["GET /api/admin/users"] = "UFFFFA",
        ["GET /api/auth/antiforgery"] = "UAAAAA",
        ["GET /api/auth/me"] = "UAAAAA",
        ["GET /api/clients"] = "UFAFFF",
        ["GET /api/clients/{id}"] = "UFAFFF",
        ["GET /api/clients/{id}/matches"] = "UFAFFF",
        ["GET /api/clients/{id}/plan"] = "UFAFFF",
        ["GET /api/courses"] = "UAAAAA",
        ["GET /api/courses/{id}"] = "UAAAAA",
        ["GET /api/export/{entity}"] = "UFAFFF",
        ["GET /api/employers"] = "UAAFFA",
        ["GET /api/employers/{id}"] = "UAAFFA",
        ["GET /api/forum/rounds"] = "UAAAAA",
        ["GET /api/forum/rounds/{id}"] = "UAAAAA",
        ["GET /api/forum/rounds/{id}/cohorts"] = "UFAAAF",
        ["GET /api/forum/rounds/{roundId}/needs"] = "UAAFFF",
        ["GET /api/needs"] = "UAAFFF",
        ["GET /api/needs/{id}"] = "UAAFFF",
        ["GET /api/needs/{id}/candidates"] = "UFAFFF",
        ["GET /api/needs/{id}/feedback"] = "UAAFFF",
        ["GET /api/needs/{id}/pseudonymous-candidates"] = "UAAFFF",
        ["GET /api/needs/{id}/shortlist"] = "UFAFFF",
        ["GET /api/needs/{id}/training"] = "UFAFFF",
        ["GET /api/needs/{needId}/comments"] = "UAAFFF",
        ["GET /api/occupations"] = "AAAAAA",
        ["GET /api/occupations/{id}"] = "AAAAAA",
        ["GET /api/outcomes"] = "UFAFFF",
        ["GET /api/outcomes/{id}"] = "UFAFFF",
        ["GET /api/ranker"] = "UFFFFA",
        ["GET /api/ranker/models"] = "UFFFFA",
        ["GET /api/regions"] = "AAAAAA",
        ["GET /api/reports/commission"] = "UFFFAA",
        ["GET /api/reports/decisions"] = "UFFFAA",
        ["GET /api/reports/demand"] = "UFFFAA",
        ["GET /api/reports/demand/chart"] = "UFFFAA",
        ["GET /api/reports/fairness"] = "UFFFAA",
        ["GET /api/skills"] = "AAAAAA",
        ["GET /api/skills/{id}"] = "AAAAAA",
        ["GET /api/terms"] = "AAAAAA",
        ["GET /api/training/cohorts"] = "UFAAAF",
        ["GET /api/vocabulary"] = "AAAAAA",
        ["POST /api/admin/users"] = "UFFFFA",
        ["POST /api/auth/login"] = "PPPPPP",
        ["POST /api/auth/logout"] = "UAAAAA",
        ["POST /api/auth/refresh"] = "PPPPPP",
        ["POST /api/clients"] = "UFAFFF",
        ["POST /api/courses"] = "UFAAFF",
        ["POST /api/courses/import"] = "UFAAFF",
        ["POST /api/employers"] = "UFAFFA",
        ["POST /api/forum/rounds"] = "UFAFFA",
        ["POST /api/forum/rounds/{roundId}/needs"] = "UAAFFF",
        ["POST /api/needs"] = "UAAFFF",
        ["POST /api/needs/draft"] = "UAAFFF",
        ["POST /api/import/{entity}"] = "UFAFFF",
        ["POST /api/needs/{id}/feedback"] = "UAFFFF",
        ["POST /api/needs/{needId}/comments"] = "UAAFFF",
        ["POST /api/outcomes"] = "UFAFFF",
        ["PUT /api/admin/users/{id}"] = "UFFFFA",
        ["PUT /api/clients/{id}"] = "UFAFFF",
        ["PUT /api/courses/{id}"] = "UFAAFF",
        ["PUT /api/employers/{id}"] = "UAAFFF",
        ["PUT /api/forum/rounds/{id}"] = "UFAFFA",
        ["PUT /api/needs/{id}"] = "UAAFFF",
        ["PUT /api/outcomes/{id}"] = "UFAFFF",
    };

    private static readonly string[] Columns = ["anonymous", Roles.Employer, Roles.Caseworker, Roles.TrainingProvider, Roles.Planner, Roles.Admin];

    [Fact]
    public async Task Every_operation_answers_every_role_as_the_table_says()
    {
        var ids = await FixturesAsync();
        var clients = new[]
        {
            factory.CreateAnonymousClient(),
            factory.CreateClientAs(Roles.Employer, employerId: ids.Employer),
            factory.CreateClient(),
            factory.CreateClientAs(Roles.TrainingProvider, provider: Provider),
            factory.CreateClientAs(Roles.Planner),
            factory.CreateClientAs(Roles.Admin),
        };

        var document = await (await clients[0].GetAsync("/openapi/v1.json")).JsonAsync();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var missing = operations.Where(o => !Expected.ContainsKey(o)).ToList();
        Assert.True(missing.Count == 0, "No authorization decision for:\n" + string.Join("\n", missing));
        var stale = Expected.Keys.Except(operations).ToList();
        Assert.True(stale.Count == 0, "Table entries without an operation:\n" + string.Join("\n", stale));

        var failures = new StringBuilder();
        var calls = 0;
        foreach (var operation in operations)
        {
            var expected = Expected[operation];
            for (var column = 0; column < Columns.Length; column++)
            {
                using var request = Request(operation, ids);
                using var response = await clients[column].SendAsync(request);
                calls++;
                var status = (int)response.StatusCode;
                var ok = expected[column] switch
                {
                    'A' => status is not (401 or 403) && status < 500,
                    'P' => status is not 403 && status < 500,
                    'U' => status == 401,
                    'F' => status == 403,
                    _ => false,
                };
                if (!ok)
                {
                    failures.AppendLine($"{operation} as {Columns[column]}: expected {expected[column]}, got {status}");
                }
            }
        }

        Assert.True(failures.Length == 0, $"{calls} calls; mismatches:\n{failures}");
        Assert.Equal(operations.Count * Columns.Length, calls);
    }

    /// <summary>
    /// One request per operation that changes nothing when admitted: bodies are empty objects (a
    /// validation error), deletes carry a stale If-Match (412), unknown string ids find nothing.
    /// </summary>
    private static HttpRequestMessage Request(string operation, Fixtures ids)
    {
        var space = operation.IndexOf(' ', StringComparison.Ordinal);
        var method = new HttpMethod(operation[..space]);
        var path = operation[(space + 1)..]
            .Replace("{roundId}", ids.Round.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{needId}", ids.Need.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{commentId}", "999999", StringComparison.Ordinal)
            .Replace("{entity}", "clients", StringComparison.Ordinal);
        path = path.StartsWith("/api/clients/{id}", StringComparison.Ordinal) ? path.Replace("{id}", ids.Client.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : path.StartsWith("/api/needs/{id}", StringComparison.Ordinal) ? path.Replace("{id}", ids.Need.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : path.StartsWith("/api/employers/{id}", StringComparison.Ordinal) ? path.Replace("{id}", ids.Employer.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : path.StartsWith("/api/courses/{id}", StringComparison.Ordinal) ? path.Replace("{id}", ids.Course.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : path.StartsWith("/api/outcomes/{id}", StringComparison.Ordinal) ? path.Replace("{id}", ids.Outcome.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : path.StartsWith("/api/forum/rounds/{id}", StringComparison.Ordinal) ? path.Replace("{id}", ids.Round.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : path.StartsWith("/api/skills/{id}", StringComparison.Ordinal) ? path.Replace("{id}", TestData.OperateForklift, StringComparison.Ordinal)
            : path.StartsWith("/api/occupations/{id}", StringComparison.Ordinal) ? path.Replace("{id}", TestData.WarehouseWorker, StringComparison.Ordinal)
            : path.Replace("{id}", "no-such-id", StringComparison.Ordinal);
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post || method == HttpMethod.Put)
        {
            request.Content = JsonContent.Create(new { });
        }

        if (method == HttpMethod.Delete)
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"999999\"");
        }

        return request;
    }

    private sealed record Fixtures(int Employer, int Need, int Client, int Course, int Outcome, int Round);

    private async Task<Fixtures> FixturesAsync()
    {
        var http = factory.CreateClient();
        var employer = (await (await http.PostAsJsonAsync("/api/employers", TestData.Employer())).JsonAsync()).GetProperty("id").GetInt32();
        var need = (await (await http.PostAsJsonAsync("/api/needs", TestData.Need(employer))).JsonAsync()).GetProperty("id").GetInt32();
        var client = (await (await http.PostAsJsonAsync("/api/clients", TestData.Client())).JsonAsync()).GetProperty("id").GetInt32();
        var course = TestData.Course();
        course["provider"] = Provider;
        var courseId = (await (await http.PostAsJsonAsync("/api/courses", course)).JsonAsync()).GetProperty("id").GetInt32();
        var outcome = (await (await http.PostAsJsonAsync("/api/outcomes", new { needId = need, clientId = client, stage = "Proposed", date = "2027-01-04" })).JsonAsync()).GetProperty("id").GetInt32();
        var round = (await (await http.PostAsJsonAsync("/api/forum/rounds", new { title = "Forum", date = "2027-02-10" })).JsonAsync()).GetProperty("id").GetInt32();
        return new Fixtures(employer, need, client, courseId, outcome, round);
    }
}
