using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SkillsMatch.Server.Tests;

/// <summary>Issue 13: places, sectors and periods as employers say them; names beside ids; suggestions for what is unknown; nice-to-have certificates.</summary>
public sealed class NamesInsteadOfCodesTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    private static List<JsonElement> Names(JsonElement regions) => [.. regions.EnumerateArray()];

    [Fact]
    public async Task Regions_are_found_by_municipality_or_association_name_with_umlauts_folded_and_by_prefix()
    {
        var ingelheim = Names(await (await _http.GetAsync("/api/regions?q=Ingelheim")).JsonAsync());
        Assert.Equal(TestData.Ingelheim, ingelheim[0].GetProperty("ags").GetString());
        Assert.StartsWith("Ingelheim am Rhein", ingelheim[0].GetProperty("name").GetString(), StringComparison.Ordinal);

        var bingen = Names(await (await _http.GetAsync("/api/regions?q=bingen")).JsonAsync());
        Assert.Equal(TestData.Bingen, bingen[0].GetProperty("ags").GetString());
        Assert.Contains(bingen, m => m.GetProperty("name").GetString() == "Weiler bei Bingen");

        // "Ruedesheim" and "Rüdesheim" are one word; the village of that name comes first, then the
        // town whose name starts with it, then the villages of the association Rüdesheim.
        foreach (var q in new[] { "R%C3%BCdesheim", "ruedesheim" })
        {
            var found = Names(await (await _http.GetAsync($"/api/regions?q={q}&limit=50")).JsonAsync());
            Assert.Equal("Rüdesheim", found[0].GetProperty("name").GetString());
            Assert.Equal("Rüdesheim am Rhein, Stadt", found[1].GetProperty("name").GetString());
            Assert.Contains(found, m => m.GetProperty("name").GetString() == "Allenfeld" && m.GetProperty("association").GetString() == "Rüdesheim");
        }

        var association = Names(await (await _http.GetAsync("/api/regions?q=Gau-Algesheim&limit=50")).JsonAsync());
        Assert.Contains(association, m => m.GetProperty("name").GetString() == "Appenheim");

        var inCounty = Names(await (await _http.GetAsync("/api/regions?q=Gau&district=07339&limit=100")).JsonAsync());
        Assert.NotEmpty(inCounty);
        Assert.All(inCounty, m => Assert.Equal("07339", m.GetProperty("districtAgs").GetString()));
        Assert.Equal(270, (await (await _http.GetAsync("/api/regions")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Employer_sector_and_place_are_accepted_by_name_and_stored_as_codes()
    {
        var wine = await _http.CreateAsync("/api/employers", TestData.Employer().With("sector", "Weinbau").With("municipalityAgs", "Ingelheim"));
        Assert.Equal("wine_agriculture", wine.GetProperty("sector").GetString());
        Assert.Equal(TestData.Ingelheim, wine.GetProperty("municipalityAgs").GetString());
        Assert.Equal("Weinbau und Landwirtschaft", wine.GetProperty("sectorLabel").GetString());
        Assert.StartsWith("Ingelheim am Rhein", wine.GetProperty("municipalityName").GetString());

        var english = await _http.CreateAsync("/api/employers", TestData.Employer().With("sector", "Retail"));
        Assert.Equal("retail", english.GetProperty("sector").GetString());
        var care = await _http.CreateAsync("/api/employers", TestData.Employer().With("sector", "pflege"));
        Assert.Equal("health_care", care.GetProperty("sector").GetString());
        var id = wine.GetProperty("id").GetInt32();
        Assert.Equal("wine_agriculture", await factory.WithDbAsync(async db => (await db.Employers.FindAsync(id))!.Sector));

        var listed = await (await _http.GetAsync("/api/employers?sector=Weinbau&pageSize=200")).JsonAsync();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task Need_takes_a_place_by_name_a_duration_in_weeks_and_defaults_the_minimum_level_to_1()
    {
        var employer = await _http.CreateEmployerAsync();
        var body = TestData.Need(employer)
            .With("municipalityAgs", "Ingelheim")
            .With("periodStart", "2027-09-01")
            .With("periodEnd", null)
            .With("durationWeeks", 8)
            .With("mustHave", new[] { new { skillId = TestData.OperateForklift } });

        var created = await _http.CreateAsync("/api/needs", body);

        Assert.Equal(TestData.Ingelheim, created.GetProperty("municipalityAgs").GetString());
        Assert.StartsWith("Ingelheim am Rhein", created.GetProperty("municipalityName").GetString(), StringComparison.Ordinal);
        Assert.Equal("2027-10-26", created.GetProperty("periodEnd").GetString());
        Assert.Equal(1, created.GetProperty("mustHave")[0].GetProperty("minLevel").GetInt32());
        var id = created.GetProperty("id").GetInt32();
        var stored = await factory.WithDbAsync(async db => (await db.Needs.FindAsync(id))!);
        Assert.Equal(new DateOnly(2027, 10, 26), stored.PeriodEnd);
        Assert.Equal(1, stored.Skills.Single().MinLevel);

        // Both given and agreeing is fine.
        await _http.CreateAsync("/api/needs", body.With("periodEnd", "2027-10-26"));
    }

    [Fact]
    public async Task Duration_that_disagrees_with_the_end_is_rejected_naming_the_field_and_changes_nothing()
    {
        var employer = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();

        var response = await _http.PostAsJsonAsync("/api/needs", TestData.Need(employer)
            .With("periodStart", "2027-09-01").With("periodEnd", "2027-10-31").With("durationWeeks", 8));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        var message = Assert.Single(problem.GetProperty("errors").EnumerateObject(), p => p.Name == "durationWeeks").Value[0].GetString();
        Assert.Contains("2027-10-26", message, StringComparison.Ordinal);
        Assert.Equal(before, await factory.StateAsync());
    }

    public static TheoryData<string, object, string, string> UnknownInputs => new()
    {
        { "mustHave", new[] { new { skillId = "Gabelstapler", minLevel = 1 } }, "mustHave[0].skillId", TestData.OperateForklift },
        { "municipalityAgs", "Gau", "municipalityAgs", "Gau-Algesheim" },
        { "municipalityAgs", "Ingelhiem", "municipalityAgs", "Unbekannter Ort" },
        { "certificates", new[] { "Stapler" }, "certificates[0]", "FORKLIFT" },
        { "niceToHaveCertificates", new[] { "Stapler" }, "niceToHaveCertificates[0]", "FORKLIFT" },
        { "occupationId", "Lagerarbeiter", "occupationId", TestData.WarehouseWorker },
    };

    [Theory]
    [MemberData(nameof(UnknownInputs))]
    public async Task Unknown_skill_place_or_certificate_is_rejected_naming_the_field_with_suggestions(string field, object value, string expectedField, string expectedText)
    {
        var employer = await _http.CreateEmployerAsync();
        var before = await factory.StateAsync();

        var response = await _http.PostAsJsonAsync("/api/needs", TestData.Need(employer).With(field, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        var message = errors.GetProperty(expectedField)[0].GetString()!;
        Assert.Contains(expectedText, message, StringComparison.Ordinal);
        if (expectedText != "Unbekannter Ort")
        {
            Assert.Contains("Meinten Sie:", message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await factory.StateAsync());
    }

    [Fact]
    public async Task Unknown_sector_is_rejected_naming_the_field_with_suggestions()
    {
        var response = await _http.PostAsJsonAsync("/api/employers", TestData.Employer().With("sector", "Weinbauer und Landwirte"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("sector")[0].GetString()!;
        Assert.StartsWith("Unbekannte Branche 'Weinbauer und Landwirte'. Meinten Sie:", message, StringComparison.Ordinal);
        Assert.Contains("(wine_agriculture)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Candidate_match_shortlist_and_training_answers_name_the_employer_and_the_place()
    {
        var employerName = $"Weingut Namensprobe {Guid.NewGuid():N}";
        var employer = (await _http.CreateAsync("/api/employers", TestData.Employer().With("name", employerName))).GetProperty("id").GetInt32();
        var need = await _http.CreateNeedAsync(employer, b => b.With("municipalityAgs", TestData.Ingelheim));
        var client = (await _http.CreateAsync("/api/clients", TestData.Client())).GetProperty("id").GetInt32();

        var candidates = await (await _http.GetAsync($"/api/needs/{need}/candidates?top=500")).JsonAsync();
        AssertNamed(candidates.GetProperty("need"));
        Assert.Equal(employerName, (await (await _http.GetAsync($"/api/needs/{need}")).JsonAsync()).GetProperty("employerName").GetString());
        var listedNeed = (await (await _http.GetAsync($"/api/needs?employer={employer}")).JsonAsync()).GetProperty("items")[0];
        Assert.Equal(employerName, listedNeed.GetProperty("employerName").GetString());
        Assert.Contains(candidates.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("clientId").GetInt32() == client);

        var matches = await (await _http.GetAsync($"/api/clients/{client}/matches?top=500")).JsonAsync();
        var row = Assert.Single(matches.GetProperty("needs").EnumerateArray(), n => n.GetProperty("needId").GetInt32() == need);
        Assert.Equal(employer, row.GetProperty("employerId").GetInt32());
        Assert.Equal(employerName, row.GetProperty("employerName").GetString());
        Assert.StartsWith("Ingelheim am Rhein", row.GetProperty("municipalityName").GetString(), StringComparison.Ordinal);

        AssertNamed((await (await _http.GetAsync($"/api/needs/{need}/training")).JsonAsync()).GetProperty("need"));
        AssertNamed((await (await _http.GetAsync($"/api/needs/{need}/shortlist")).JsonAsync()).GetProperty("need"));

        void AssertNamed(JsonElement summary)
        {
            Assert.Equal(need, summary.GetProperty("id").GetInt32());
            Assert.Equal(employer, summary.GetProperty("employerId").GetInt32());
            Assert.Equal(employerName, summary.GetProperty("employerName").GetString());
            Assert.Equal(TestData.Ingelheim, summary.GetProperty("municipalityAgs").GetString());
            Assert.StartsWith("Ingelheim am Rhein", summary.GetProperty("municipalityName").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Holder_of_a_nice_to_have_certificate_ranks_above_an_otherwise_identical_client_and_is_told_so()
    {
        var employer = await _http.CreateEmployerAsync();
        var created = await _http.CreateAsync("/api/needs", TestData.Need(employer)
            .With("municipalityAgs", TestData.Ingelheim)
            .With("certificates", new[] { "FORKLIFT" })
            .With("niceToHaveCertificates", new[] { "lic-b" }));
        Assert.Equal(["LIC-B"], created.GetProperty("niceToHaveCertificates").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["FORKLIFT"], created.GetProperty("certificates").EnumerateArray().Select(c => c.GetString()));
        var need = created.GetProperty("id").GetInt32();
        Assert.Equal(["LIC-B"], await factory.WithDbAsync(async db => (await db.Needs.FindAsync(need))!.NiceToHaveCertificates));

        var holder = (await _http.CreateAsync("/api/clients", TestData.Client().With("certificates", new[] { "FORKLIFT", "LIC-B" }))).GetProperty("id").GetInt32();
        var other = (await _http.CreateAsync("/api/clients", TestData.Client().With("certificates", new[] { "FORKLIFT" }))).GetProperty("id").GetInt32();

        var rows = (await (await _http.GetAsync($"/api/needs/{need}/candidates?top=500")).JsonAsync()).GetProperty("candidates").EnumerateArray().ToList();
        var held = rows.Single(r => r.GetProperty("clientId").GetInt32() == holder);
        var lacking = rows.Single(r => r.GetProperty("clientId").GetInt32() == other);

        Assert.True(held.GetProperty("rank").GetInt32() < lacking.GetProperty("rank").GetInt32());
        Assert.True(held.GetProperty("score").GetDouble() > lacking.GetProperty("score").GetDouble());
        Assert.Equal(1, held.GetProperty("features").GetProperty("niceToHaveCoverage").GetSingle());
        Assert.Equal(0, lacking.GetProperty("features").GetProperty("niceToHaveCoverage").GetSingle());
        Assert.Contains("Bringt Führerschein Klasse B mit (von Vorteil).", held.GetProperty("explanation").EnumerateArray().Select(s => s.GetString()));
        Assert.DoesNotContain(lacking.GetProperty("explanation").EnumerateArray(), s => s.GetString()!.Contains("von Vorteil", StringComparison.Ordinal));

        var english = (await (await _http.GetAsync($"/api/needs/{need}/candidates?top=500&lang=en")).JsonAsync()).GetProperty("candidates").EnumerateArray();
        Assert.Contains("Holds Driving licence class B (nice to have).", english.Single(r => r.GetProperty("clientId").GetInt32() == holder).GetProperty("explanation").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Certificate_both_required_and_nice_to_have_is_rejected_naming_the_field()
    {
        var employer = await _http.CreateEmployerAsync();
        var response = await _http.PostAsJsonAsync("/api/needs", TestData.Need(employer).With("certificates", new[] { "FORKLIFT" }).With("niceToHaveCertificates", new[] { "forklift" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["niceToHaveCertificates[0]"], await response.ProblemFieldsAsync());
    }
}
