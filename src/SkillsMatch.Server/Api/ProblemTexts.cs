using Microsoft.AspNetCore.WebUtilities;

namespace SkillsMatch.Server.Api;

/// <summary>
/// Problems the framework writes itself (a route that does not exist, a body that is not JSON)
/// carry its English reason phrase as title; in German, the default, they get German texts like
/// every problem of the handlers.
/// </summary>
public static class ProblemTexts
{
    public static void Translate(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (Texts.Current != SkillsMatch.Engine.Taxonomy.Language.German || problem.Status is not { } status || problem.Title != ReasonPhrases.GetReasonPhrase(status))
        {
            return;
        }

        (problem.Title, var detail) = status switch
        {
            StatusCodes.Status400BadRequest => ("Ungültige Anfrage.", null),
            StatusCodes.Status401Unauthorized => ("Anmeldung erforderlich.", "Bitte anmelden: POST /api/auth/login, dann das Token als Authorization: Bearer senden."),
            StatusCodes.Status403Forbidden => ("Keine Berechtigung.", "Diese Rolle darf diese Anfrage nicht stellen."),
            StatusCodes.Status404NotFound => ("Nicht gefunden.", "Diese Adresse gibt es nicht."),
            StatusCodes.Status405MethodNotAllowed => ("Methode nicht erlaubt.", "Diese Methode gibt es für diese Adresse nicht."),
            StatusCodes.Status413PayloadTooLarge => ("Anfrage zu groß.", null),
            StatusCodes.Status415UnsupportedMediaType => ("Medientyp nicht unterstützt.", UnsupportedMediaType),
            StatusCodes.Status429TooManyRequests => ("Zu viele Anfragen.", "Bitte kurz warten und dann erneut senden."),
            StatusCodes.Status500InternalServerError => ("Interner Fehler.", null),
            _ => (problem.Title, (string?)null),
        };
        problem.Detail ??= detail;
    }

    public static string UnsupportedMediaType => Texts.Pick(
        "Anfragen senden JSON in UTF-8 (Content-Type: application/json).",
        "Requests send JSON in UTF-8 (Content-Type: application/json).");
}
