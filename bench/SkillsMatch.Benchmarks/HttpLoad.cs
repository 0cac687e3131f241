using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SkillsMatch.Benchmarks;

/// <summary>
/// The `http` mode: what a user feels, over HTTP against a running server. Closed-loop load: each
/// of <c>--connections</c> workers sends the next request as soon as its last one answered, over
/// its own keep-alive connection, for <c>--seconds</c> after a warm-up. Reports p50/p90/p99
/// latency, requests per second and errors (anything but 2xx, or no answer) per scenario.
/// The generator runs on the same machine as the server, so it shares the two cores with it.
/// </summary>
/// <remarks>
/// <code>
/// dotnet run -c Release --project bench/SkillsMatch.Benchmarks -- http --url http://127.0.0.1:5080
///     [--connections 1,64] [--seconds 10] [--warmup 3] [--scenario candidates,matches,cohorts,demand,terms,draft]
/// </code>
/// bench/http.sh starts a Release server on a copy of the sample county and runs this.
/// </remarks>
public static class HttpLoad
{
    /// <summary>The county's demand report over twelve months of need starts, by county and month.</summary>
    private const string DemandPath = "/api/reports/demand?by=county&period=month&from=2026-11-01&to=2027-10-31";

    /// <summary>What employers type into the skill search (not from the test fixtures: a separate, fixed list).</summary>
    private static readonly string[] s_phrases =
    [
        "Staplerfahrer", "Lagerlogistik", "Kommissionierer", "Kasse", "Deutschkenntnisse", "Führerschein CE",
        "Unterhaltsreinigung", "Erntehelfern", "Gesundheitszeugnis", "Pflegehelferin", "Schweissen", "Küchenhilfe",
    ];

    /// <summary>Need sentences for the draft endpoint, short to long.</summary>
    private static readonly string[] s_sentences =
    [
        "Wir suchen ab 1. September für 8 Wochen 3 Erntehelfer für die Weinlese in Ingelheim, Staplerschein von Vorteil, Deutsch A2",
        "Lagerhelfer (m/w/d) in Bingen, Vollzeit, Schichtarbeit, Staplerschein erforderlich",
        "Reinigungskraft in Teilzeit 20 Std. für Büroreinigung in Mainz, ab sofort, gute Deutschkenntnisse, Führerschein B wünschenswert",
        "Küchenhilfe gesucht – Spülen, Reinigung der Küche, Gesundheitszeugnis Pflicht, Mo–Fr 6–14 Uhr, Nackenheim",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(Text(args, "--url", "http://127.0.0.1:5080"));
        var connections = Text(args, "--connections", "1,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var seconds = double.Parse(Text(args, "--seconds", "10"), CultureInfo.InvariantCulture);
        var warmup = double.Parse(Text(args, "--warmup", "3"), CultureInfo.InvariantCulture);
        var scenarios = Text(args, "--scenario", "candidates,matches").Split(',');
        var label = Text(args, "--label", "");

        // Signed in as a caseworker, as a real user is: the demo account of the embedded default unless told otherwise.
        var email = Text(args, "--email", "caseworker@demo.skillsmatch.example");
        var password = Text(args, "--password", "Demo-Passwort-1");

        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        var login = await probe.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        probe.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var needIds = await IdsAsync(probe, "/api/needs?status=Open&pageSize=200");
        var clientIds = await IdsAsync(probe, "/api/clients?pageSize=200");
        Console.WriteLine($"server {url}, {needIds.Count} open needs and {clientIds.Count} clients sampled{(label.Length > 0 ? $", {label}" : "")}");
        Console.WriteLine();

        // The planner reports need a planner's token: the demo planner unless told otherwise.
        string? plannerToken = null;
        string? employerToken = null;
        if (scenarios.Contains("draft"))
        {
            var employer = await probe.PostAsJsonAsync("/api/auth/login", new
            {
                email = Text(args, "--employer-email", "employer@demo.skillsmatch.example"),
                password = Text(args, "--employer-password", password),
            });
            employer.EnsureSuccessStatusCode();
            employerToken = (await employer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        }

        if (scenarios.Contains("demand"))
        {
            var planner = await probe.PostAsJsonAsync("/api/auth/login", new
            {
                email = Text(args, "--planner-email", "planner@demo.skillsmatch.example"),
                password = Text(args, "--planner-password", password),
            });
            planner.EnsureSuccessStatusCode();
            plannerToken = (await planner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

            // The first report ranks every need of the period once; later ones, in any grouping, reuse those rankings.
            using var cold = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(10) };
            cold.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", plannerToken);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            (await cold.GetAsync(DemandPath)).EnsureSuccessStatusCode();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"demand report, first request (ranks every need of the period): {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms"));
            Console.WriteLine();
        }

        Console.WriteLine("| scenario | connections | requests | req/s | p50 ms | p90 ms | p99 ms | errors |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var scenario in scenarios)
        {
            Func<long, string> path = scenario switch
            {
                "candidates" => i => $"/api/needs/{needIds[(int)(i % needIds.Count)]}/candidates?top=20",
                "matches" => i => $"/api/clients/{clientIds[(int)(i % clientIds.Count)]}/matches?top=20",
                "cohorts" => _ => "/api/training/cohorts?region=07339&from=2026-11-01&to=2027-10-31",
                "demand" => i => i % 2 == 0 ? DemandPath : DemandPath.Replace("by=county", "by=verbandsgemeinde,occupation", StringComparison.Ordinal) + "&format=csv",
                "terms" => i => $"/api/terms?q={Uri.EscapeDataString(s_phrases[(int)(i % s_phrases.Length)])}&limit=10",
                "draft" => _ => "/api/needs/draft",
                _ => throw new ArgumentException($"Unknown scenario '{scenario}': candidates, matches, cohorts, demand, terms, draft."),
            };
            Func<long, HttpContent>? body = scenario == "draft" ? i => JsonContent.Create(new { text = s_sentences[(int)(i % s_sentences.Length)] }) : null;
            var bearer = scenario switch
            {
                "demand" => plannerToken,
                "draft" => employerToken,
                _ => token,
            };
            // Cohorts is a planner's report of about half a second of work on both cores: it is measured one at a time and four at once.
            foreach (var n in scenario == "cohorts" ? connections.Where(c => c <= 4).DefaultIfEmpty(1).Append(4).Distinct() : connections)
            {
                var result = await RunAsync(url, path, n, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), bearer, body);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scenario} | {n} | {result.Requests} | {result.PerSecond:F0} | {result.P50:F2} | {result.P90:F2} | {result.P99:F2} | {result.Errors} |"));
            }
        }

        return 0;
    }

    public sealed record LoadResult(long Requests, double PerSecond, double P50, double P90, double P99, long Errors);

    /// <summary>GETs <paramref name="path"/>, or POSTs <paramref name="body"/> to it when given.</summary>
    public static async Task<LoadResult> RunAsync(Uri url, Func<long, string> path, int connections, TimeSpan warmup, TimeSpan duration, string? token = null, Func<long, HttpContent>? body = null)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        long next = 0, errors = 0;
        var measuring = false;
        var stop = false;
        var latencies = new List<double>[connections];
        async Task Worker(int w)
        {
            var mine = latencies[w] = new List<double>(1 << 14);
            var buffer = new byte[64 * 1024];
            while (!Volatile.Read(ref stop))
            {
                var i = Interlocked.Increment(ref next);
                var start = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, path(i)) { Content = body?.Invoke(i) };
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await using var stream = await response.Content.ReadAsStreamAsync();
                    while (await stream.ReadAsync(buffer) > 0)
                    {
                    }

                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                if (Volatile.Read(ref measuring))
                {
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    if (!ok)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }
        }

        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(() => Worker(w))).ToArray();
        await Task.Delay(warmup);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double At(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        return new LoadResult(all.Length, all.Length / elapsed, At(0.50), At(0.90), At(0.99), Interlocked.Read(ref errors));
    }

    private static async Task<List<int>> IdsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement : json.RootElement.GetProperty("items");
        var ids = items.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToList();
        return ids.Count > 0 ? ids : throw new InvalidOperationException($"{path} returned no rows: seed the server first.");
    }

    private static string Text(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
