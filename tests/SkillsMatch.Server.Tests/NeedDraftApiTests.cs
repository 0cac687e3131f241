using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Tests;

public sealed class NeedDraftApiTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    private const string Example = "Wir suchen ab 1. September für 8 Wochen 3 Erntehelfer für die Weinlese in Ingelheim, Staplerschein von Vorteil, Deutsch A2";
    private const string GrapeHarvest = "06b1f593-ac31-42ba-a2cd-5d86c755b416";
    private const string Ingelheim = "07339030";

    [Fact]
    public async Task Draft_of_the_issue_example_posts_as_the_same_need_as_one_entered_field_by_field()
    {
        var employer = await factory.CreateClient().CreateEmployerAsync();
        var http = factory.CreateClientAs(Roles.Employer, employerId: employer);
        var before = await factory.StateAsync();

        var response = await http.PostAsJsonAsync("/api/needs/draft", new { text = Example });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await factory.StateAsync());
        var body = await response.JsonAsync();
        var need = body.GetProperty("need");
        Assert.Equal("Vacancy", need.GetProperty("kind").GetString());
        Assert.Equal(3, need.GetProperty("headcount").GetInt32());
        Assert.Equal("2027-09-01", need.GetProperty("periodStart").GetString());
        Assert.Equal("2027-10-26", need.GetProperty("periodEnd").GetString());
        Assert.Equal(Ingelheim, need.GetProperty("municipalityAgs").GetString());
        Assert.Equal(GrapeHarvest, need.GetProperty("mustHave")[0].GetProperty("skillId").GetString());
        Assert.Equal(1, need.GetProperty("mustHave")[0].GetProperty("minLevel").GetInt32());
        Assert.Equal(0, need.GetProperty("certificates").GetArrayLength());
        Assert.Equal("FORKLIFT", need.GetProperty("niceToHaveCertificates")[0].GetString());
        Assert.Equal("de", need.GetProperty("languages")[0].GetProperty("code").GetString());
        Assert.Equal("A2", need.GetProperty("languages")[0].GetProperty("level").GetString());
        var forklift = body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("field").GetString() == "niceToHaveCertificates");
        Assert.Equal("FORKLIFT", forklift.GetProperty("value").GetString());
        Assert.False(forklift.GetProperty("mustHave").GetBoolean());
        var span = forklift.GetProperty("span");
        Assert.Equal("Staplerschein", Example.Substring(span.GetProperty("start").GetInt32(), span.GetProperty("length").GetInt32()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("weekendWork").ValueKind);

        // Draft → post: the employer adds their id and the weekly hours the text does not name.
        var drafted = JsonNode.Parse(need.GetRawText())!.AsObject();
        drafted["employerId"] = employer;
        drafted["hoursPerWeek"] = 40;

        var byHand = new Dictionary<string, object?>
        {
            ["kind"] = "Vacancy",
            ["employerId"] = employer,
            ["title"] = "Erntehelfer",
            ["occupationId"] = "373db468-bd25-4b67-a6e0-4ac79d9a9e85",
            ["headcount"] = 3,
            ["periodStart"] = "2027-09-01",
            ["periodEnd"] = "2027-10-26",
            ["hoursPerWeek"] = 40,
            ["municipalityAgs"] = Ingelheim,
            ["mustHave"] = new[] { new { skillId = GrapeHarvest, minLevel = 1 } },
            ["certificates"] = Array.Empty<string>(),
            ["languages"] = new[] { new { code = "de", level = "A2" } },
            ["niceToHaveCertificates"] = new[] { "FORKLIFT" },
        };

        var fromDraft = await http.CreateAsync("/api/needs", drafted);
        var fromHand = await http.CreateAsync("/api/needs", byHand);

        Assert.Equal(
            Comparable(await (await http.GetAsync($"/api/needs/{fromHand.GetProperty("id").GetInt32()}")).JsonAsync()),
            Comparable(await (await http.GetAsync($"/api/needs/{fromDraft.GetProperty("id").GetInt32()}")).JsonAsync()));
    }

    /// <summary>The need without what differs between any two needs: id and timestamps.</summary>
    private static string Comparable(JsonElement need)
    {
        var node = JsonNode.Parse(need.GetRawText())!.AsObject();
        node.Remove("id");
        node.Remove("createdAt");
        node.Remove("updatedAt");
        return node.ToJsonString();
    }

    [Fact]
    public async Task Draft_labels_follow_the_request_language()
    {
        var body = await (await factory.CreateClient().PostAsJsonAsync("/api/needs/draft?lang=en", new { text = Example })).JsonAsync();
        var skill = body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("field").GetString() == "mustHave");
        Assert.Equal("harvest grapes", skill.GetProperty("label").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Empty_text_is_rejected_naming_text(string? text)
    {
        var http = factory.CreateClient();
        var response = await http.PostAsJsonAsync("/api/needs/draft", new { text });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["text"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Text_over_4000_characters_is_rejected_naming_text()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/needs/draft", new { text = new string('a', 4001) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["text"], await response.ProblemFieldsAsync());
    }
}
