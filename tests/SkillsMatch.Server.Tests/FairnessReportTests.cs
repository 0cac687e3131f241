using System.Globalization;
using System.Net;
using System.Text.Json;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Reports;

namespace SkillsMatch.Server.Tests;

/// <summary>The fairness and decision reports of issue 12 (docs/fairness.md).</summary>
public sealed class FairnessReportTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private const string January = "from=2027-01-01&to=2027-01-31";

    [Fact]
    public async Task A_top_ten_of_men_from_a_pool_of_mostly_women_is_reported_outside_tolerance_in_the_right_direction()
    {
        // Own app: the qualified pool is every eligible client of the database.
        using var own = new SkillsMatchFactory();
        var http = own.CreateClient();
        var need = await CreateNeedAsync(http);

        // 19 women and one diverse client who fit less (no experience in the occupation), then 10 men who fit better.
        var weak = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            weak.Add(await CreateClientAsync(http, i == 7 ? "diverse" : "female", strong: false));
        }

        var men = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            men.Add(await CreateClientAsync(http, "male", strong: true));
        }

        var candidates = await (await http.GetAsync($"/api/needs/{need}/candidates?top=10")).JsonAsync();
        var shown = candidates.GetProperty("candidates").EnumerateArray().Select(r => r.GetProperty("clientId").GetInt32()).ToList();
        Assert.Equal(men.Order(), shown.Order());

        // Three of the men proposed, one hired.
        for (var i = 0; i < 3; i++)
        {
            await http.CreateAsync("/api/outcomes", new { needId = need, clientId = shown[i], stage = i == 0 ? "Hired" : "Proposed", date = "2027-01-04" });
        }

        var report = await GetAsync(own.CreateClientAs(Roles.Planner), $"/api/reports/fairness?{January}");

        Assert.Equal("Impressions", report.GetProperty("source").GetString());
        Assert.Equal(1, report.GetProperty("needs").GetInt32());
        Assert.Equal(1, report.GetProperty("lists").GetInt32());

        // Independent count: the list gave the men all its exposure; a blind draw from the pool of 30 would give them a third.
        var male = Row(report, "exposure", "gender", "male");
        Assert.Equal(10, male.GetProperty("clients").GetInt32());
        Assert.Equal(10, male.GetProperty("poolClients").GetInt32());
        Assert.Equal(1.0, male.GetProperty("share").GetDouble(), 4);
        Assert.Equal(10 / 30.0, male.GetProperty("poolShare").GetDouble(), 4);
        Assert.Equal((1 - (10 / 30.0)) * 100, male.GetProperty("gapPoints").GetDouble(), 2);
        Assert.Equal(3.0, male.GetProperty("ratio").GetDouble(), 4);
        Assert.Equal("over", male.GetProperty("finding").GetString());

        var female = Row(report, "exposure", "gender", "female");
        Assert.Equal(0, female.GetProperty("clients").GetInt32());
        Assert.Equal(19, female.GetProperty("poolClients").GetInt32());
        Assert.Equal(19 / 30.0, female.GetProperty("poolShare").GetDouble(), 4);
        Assert.True(female.GetProperty("gapPoints").GetDouble() < -5);
        Assert.Equal("under", female.GetProperty("finding").GetString());

        // One diverse client in the pool: the count and everything derived from it are suppressed.
        var diverse = Row(report, "exposure", "gender", "diverse");
        Assert.Equal("*", diverse.GetProperty("poolClients").GetString());
        Assert.Equal("*", diverse.GetProperty("poolShare").GetString());
        Assert.Equal("*", diverse.GetProperty("finding").GetString());

        // Everyone was born in 1990 and is German without a severe disability: no gap there.
        Assert.Equal("within", Row(report, "exposure", "ageBand", "35-49").GetProperty("finding").GetString());
        Assert.Equal("within", Row(report, "exposure", "citizenship", "German").GetProperty("finding").GetString());
        Assert.Equal("within", Row(report, "exposure", "severeDisability", "no").GetProperty("finding").GetString());

        var proposedMen = Row(report, "proposals", "gender", "male");
        Assert.Equal(3, proposedMen.GetProperty("clients").GetInt32());
        Assert.Equal("over", proposedMen.GetProperty("finding").GetString());
        Assert.Equal("under", Row(report, "proposals", "gender", "female").GetProperty("finding").GetString());

        // One hire is a count of one: suppressed.
        Assert.Equal("*", Row(report, "hires", "gender", "male").GetProperty("clients").GetString());
    }

    [Fact]
    public async Task A_balanced_top_ten_from_a_balanced_pool_is_within_tolerance()
    {
        using var own = new SkillsMatchFactory();
        var http = own.CreateClient();
        var need = await CreateNeedAsync(http);

        // Identical clients rank by id: the first ten alternate in pairs (f m m f f m m f f m), the pool is 10 and 10.
        var order = "fmmffmmffm" + "mffmmffmmf";
        var ids = new List<int>();
        foreach (var g in order)
        {
            ids.Add(await CreateClientAsync(http, g == 'f' ? "female" : "male", strong: true));
        }

        var candidates = await (await http.GetAsync($"/api/needs/{need}/candidates?top=10")).JsonAsync();
        Assert.Equal(ids.Take(10), candidates.GetProperty("candidates").EnumerateArray().Select(r => r.GetProperty("clientId").GetInt32()));

        var report = await GetAsync(own.CreateClientAs(Roles.Admin), $"/api/reports/fairness?{January}");

        // Independent count of the rank-weighted exposure.
        var weights = Enumerable.Range(1, 10).Select(r => 1 / Math.Log2(r + 1)).ToList();
        var femaleShare = weights.Where((_, i) => order[i] == 'f').Sum() / weights.Sum();
        var female = Row(report, "exposure", "gender", "female");
        Assert.Equal(femaleShare, female.GetProperty("share").GetDouble(), 4);
        Assert.Equal(0.5, female.GetProperty("poolShare").GetDouble(), 4);
        Assert.Equal("within", female.GetProperty("finding").GetString());
        Assert.Equal("within", Row(report, "exposure", "gender", "male").GetProperty("finding").GetString());
        Assert.All(
            report.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("name").GetString() == "exposure").GetProperty("rows").EnumerateArray(),
            row => Assert.Contains(row.GetProperty("finding").GetString(), new[] { "within", "none" }));
    }

    [Fact]
    public async Task Without_impressions_the_report_ranks_the_open_needs_now_and_says_so()
    {
        var report = await GetAsync(factory.CreateClientAs(Roles.Planner), "/api/reports/fairness?from=2031-01-01&to=2031-03-31");

        Assert.Equal("Ranking", report.GetProperty("source").GetString());
        Assert.Equal(10, report.GetProperty("topK").GetInt32());
        Assert.Equal(3, report.GetProperty("tables").GetArrayLength());
    }

    [Fact]
    public async Task The_decision_report_counts_proposals_inside_and_outside_the_top_ten_and_reasons_as_recorded()
    {
        var http = factory.CreateClient();
        var need = await CreateNeedAsync(http);
        var clients = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            clients.Add(await CreateClientAsync(http, "female", strong: true));
        }

        var rows = (await (await http.GetAsync($"/api/needs/{need}/candidates?top=25")).JsonAsync()).GetProperty("candidates").EnumerateArray().ToList();
        JsonElement AtRank(int rank) => rows.Single(r => r.GetProperty("rank").GetInt32() == rank);

        // (rank through the impression, typed rank, date, stage, reason); outcomes of 2030 belong to this test alone.
        var recorded = new (int? ShownRank, int? TypedRank, string Date, string Stage, string? Reason)[]
        {
            (1, null, "2030-02-03", "Proposed", null),
            (2, null, "2030-02-10", "Hired", null),
            (3, null, "2030-02-11", "Rejected", null),
            (12, null, "2030-02-12", "Proposed", "Mobilität"),
            (null, 20, "2030-02-20", "Invited", "Mobilität"),
            (null, null, "2030-02-25", "Proposed", "Wunsch des Klienten"),
            (4, null, "2030-03-02", "Hired", null),
            (13, null, "2030-03-05", "Proposed", "Kinderbetreuung"),
            (null, null, "2030-03-09", "Proposed", null),
            (10, null, "2030-03-31", "Invited", null),
            (null, 11, "2030-04-01", "Proposed", "Mobilität"),
            (5, null, "2030-01-31", "Hired", null),
        };
        var used = new HashSet<int>();
        foreach (var (shownRank, typedRank, date, stage, reason) in recorded)
        {
            var row = shownRank is { } r ? AtRank(r) : rows.First(x => !used.Contains(x.GetProperty("clientId").GetInt32()) && x.GetProperty("rank").GetInt32() > 13);
            var clientId = row.GetProperty("clientId").GetInt32();
            used.Add(clientId);
            await http.CreateAsync("/api/outcomes", new
            {
                needId = need,
                clientId,
                stage,
                date,
                impressionId = shownRank is null ? (long?)null : row.GetProperty("impressionId").GetInt64(),
                rankAtProposal = typedRank,
                passOverReason = reason,
            });
        }

        var planner = factory.CreateClientAs(Roles.Planner);
        foreach (var (period, label) in new (string, Func<DateOnly, string>)[] { ("month", d => d.ToString("yyyy-MM", CultureInfo.InvariantCulture)), ("quarter", d => $"{d.Year}-Q{((d.Month - 1) / 3) + 1}") })
        {
            var report = await GetAsync(planner, $"/api/reports/decisions?from=2030-02-01&to=2030-03-31&period={period}");
            var inPeriod = recorded.Select(o => (o.ShownRank ?? o.TypedRank, Date: DateOnly.Parse(o.Date, CultureInfo.InvariantCulture), o.Stage, o.Reason))
                .Where(o => o.Date >= new DateOnly(2030, 2, 1) && o.Date <= new DateOnly(2030, 3, 31))
                .ToList();
            var expected = inPeriod.GroupBy(o => label(o.Date)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            var table = Table(report, "decisions");
            Assert.Equal(expected.Select(g => g.Key), table.Select(r => r.GetProperty("period").GetString()));
            foreach (var (group, row) in expected.Zip(table))
            {
                var ranks = group.Select(o => o.Item1).ToList();
                Assert.Equal(group.Count(), row.GetProperty("proposals").GetInt32());
                Assert.Equal(ranks.Count(r => r <= 10), row.GetProperty("insideTopK").GetInt32());
                Assert.Equal(ranks.Count(r => r > 10), row.GetProperty("belowTopK").GetInt32());
                Assert.Equal(ranks.Count(r => r is null), row.GetProperty("notShown").GetInt32());
                Assert.Equal(ranks.Count(r => r is null or > 10), row.GetProperty("outsideTopK").GetInt32());
                Assert.Equal(ranks.Count(r => r <= 10) / (double)group.Count(), row.GetProperty("agreement").GetDouble(), 4);
                Assert.Equal(ranks.Where(r => r is not null).Average(r => r!.Value), row.GetProperty("meanRank").GetDouble(), 4);
                Assert.Equal(group.Count(o => o.Reason is not null), row.GetProperty("withPassOverReason").GetInt32());
                Assert.Equal(group.Count(o => o.Stage == "Hired"), row.GetProperty("hires").GetInt32());

                var reasons = Table(report, "passOverReasons").Where(r => r.GetProperty("period").GetString() == group.Key)
                    .ToDictionary(r => r.GetProperty("reason").GetString()!, r => r.GetProperty("proposals").GetInt32());
                Assert.Equal(
                    group.Where(o => o.Reason is not null).GroupBy(o => o.Reason!).ToDictionary(g => g.Key, g => g.Count()).OrderBy(p => p.Key),
                    reasons.OrderBy(p => p.Key));
            }
        }
    }

    [Fact]
    public async Task Only_planners_and_admins_get_the_reports_and_a_reversed_period_is_refused()
    {
        var employer = await factory.CreateClient().CreateEmployerAsync();
        foreach (var url in new[] { "/api/reports/fairness", "/api/reports/decisions?period=quarter" })
        {
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientAs(Roles.Planner).GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientAs(Roles.Admin).GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClient().GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientAs(Roles.Employer, employerId: employer).GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClientAs(Roles.TrainingProvider, provider: "Bildungswerk Test").GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateAnonymousClient().GetAsync(url)).StatusCode);
        }

        var planner = factory.CreateClientAs(Roles.Planner);
        var reversed = await planner.GetAsync("/api/reports/fairness?from=2027-02-01&to=2027-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("from", await reversed.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.GetAsync("/api/reports/decisions?period=week")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.GetAsync("/api/reports/decisions?to=0001-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.GetAsync("/api/reports/fairness?from=2027-01-01&to=9999-12-31")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.GetAsync("/api/reports/fairness?from=2020-01-01&to=2027-01-01")).StatusCode);
    }

    [Theory]
    [InlineData(2003, "<25")]
    [InlineData(2002, "25-34")]
    [InlineData(1993, "25-34")]
    [InlineData(1992, "35-49")]
    [InlineData(1978, "35-49")]
    [InlineData(1977, "50+")]
    [InlineData(null, "unknown")]
    public void Age_bands_are_counted_at_the_end_of_the_period(int? birthYear, string band) =>
        Assert.Equal(band, FairnessReport.AgeBand(birthYear, new DateOnly(2027, 12, 31)));

    [Theory]
    [InlineData("DE", "German")]
    [InlineData("PL", "EU")]
    [InlineData("TR", "non-EU")]
    [InlineData("CH", "non-EU")]
    [InlineData(null, "unknown")]
    public void Citizenship_groups(string? nationality, string group) => Assert.Equal(group, FairnessReport.Citizenship(nationality));

    [Theory]
    [InlineData(0.50, 0.50, "within")]
    [InlineData(0.54, 0.50, "within")]
    [InlineData(0.56, 0.50, "over")]
    [InlineData(0.44, 0.50, "under")]
    [InlineData(0.07, 0.10, "under")]
    [InlineData(0.13, 0.10, "over")]
    [InlineData(0.0, 0.0, "none")]
    public void Tolerance_is_the_four_fifths_rule_or_a_gap_of_five_points(double share, double poolShare, string finding) =>
        Assert.Equal(finding, FairnessReport.Finding(share, poolShare));

    /// <summary>A need every test client meets (as in ImpressionTests): in Ingelheim, without certificates.</summary>
    private static async Task<int> CreateNeedAsync(HttpClient http) =>
        await http.CreateNeedAsync(await http.CreateEmployerAsync(), b => b.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));

    private static async Task<int> CreateClientAsync(HttpClient http, string gender, bool strong)
    {
        var body = TestData.Client().With("protected", new { gender, birthYear = 1990, nationality = "DE", severeDisability = false });
        if (!strong)
        {
            body = body.With("pastOccupations", Array.Empty<object>()).With("desiredOccupations", Array.Empty<string>());
        }

        return (await http.CreateAsync("/api/clients", body)).GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static List<JsonElement> Table(JsonElement report, string name) =>
        [.. report.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name).GetProperty("rows").EnumerateArray()];

    private static JsonElement Row(JsonElement report, string table, string dimension, string group) =>
        Table(report, table).Single(r => r.GetProperty("dimension").GetString() == dimension && r.GetProperty("group").GetString() == group);
}
