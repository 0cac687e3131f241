using System.Text.Json.Nodes;

namespace SkillsMatch.Server.Api;

/// <summary>Request examples shown in /docs, taken from the sample county (ESCO ids, Ingelheim, Bingen).</summary>
internal static class OpenApiExamples
{
    public static JsonNode? For(string operation) => operation switch
    {
        "POST /api/auth/login" => JsonNode.Parse("""{ "email": "arbeitgeber@betrieb.example", "password": "ein-langes-Passwort" }"""),
        "POST /api/needs/draft" => JsonNode.Parse("""{ "text": "Wir suchen ab 1. September für 8 Wochen 3 Erntehelfer für die Weinlese in Ingelheim, Staplerschein von Vorteil, Deutsch A2" }"""),
        "POST /api/needs" or "PUT /api/needs/{id}" or "POST /api/forum/rounds/{roundId}/needs" => JsonNode.Parse("""
            {
              "kind": "Vacancy",
              "employerId": 1,
              "title": "Erntehelferinnen und Erntehelfer Weinlese",
              "occupationId": "373db468-bd25-4b67-a6e0-4ac79d9a9e85",
              "headcount": 3,
              "periodStart": "2027-09-01",
              "durationWeeks": 8,
              "hoursPerWeek": 40,
              "shiftWork": false,
              "municipalityAgs": "Ingelheim",
              "maxCommuteMinutes": 45,
              "mustHave": [ { "skillId": "06b1f593-ac31-42ba-a2cd-5d86c755b416", "minLevel": 1 } ],
              "niceToHaveCertificates": [ "FORKLIFT" ],
              "languages": [ { "code": "de", "level": "A2" } ]
            }
            """),
        "POST /api/employers" or "PUT /api/employers/{id}" => JsonNode.Parse("""{ "name": "Weingut Beispiel", "sector": "Weinbau", "municipalityAgs": "Ingelheim", "contactName": "A. Muster", "contactEmail": "personal@weingut.example" }"""),
        "POST /api/needs/{needId}/comments" => JsonNode.Parse("""{ "author": "Weingut Beispiel", "text": "Beginn kann um eine Woche rücken, je nach Lese." }"""),
        "POST /api/outcomes" => JsonNode.Parse("""{ "needId": 9, "clientId": 120, "stage": "Proposed", "date": "2027-03-01" }"""),
        "POST /api/needs/{id}/feedback" => JsonNode.Parse("""{ "pseudonym": "K-4F2A", "verdict": "Interested", "comment": "Gern zum Probearbeiten." }"""),
        _ => null,
    };
}
