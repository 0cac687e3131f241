using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SkillsMatch.Server.Api;

/// <summary>Collects every offending field of a request before answering with one RFC 9457 problem.</summary>
public sealed class ProblemBuilder
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public IEnumerable<KeyValuePair<string, List<string>>> Errors => _errors;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public void Add(ValidationResult result)
    {
        foreach (var failure in result.Errors)
        {
            Add(JsonPath(failure.PropertyName), failure.ErrorMessage);
        }
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            title: Texts.Pick("Die Anfrage enthält ungültige Angaben.", "The request has invalid fields."));

    /// <summary>"MustHave[0].SkillId" → "mustHave[0].skillId", matching the JSON the client sent.</summary>
    public static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}

public static class Problems
{
    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: Texts.Pick("Nicht gefunden.", "Not found."),
            detail: Texts.Pick($"{what} {id} gibt es nicht.", $"There is no {what} {id}."));

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Texts.Pick("Keine Berechtigung.", "Forbidden."), detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Texts.Pick("Konflikt.", "Conflict."), detail: detail);

    public static ProblemHttpResult StaleVersion(long current) =>
        Conflict(Texts.Pick(
            $"Der Datensatz wurde inzwischen geändert (aktuelle Version {current}). Bitte neu laden und die Änderung erneut senden.",
            $"The record has changed in the meantime (current version {current}). Reload it and send the change again."));

    /// <summary>Writes a problem straight to the response, for middleware that answers before any handler runs.</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    /// <summary>A value a user sent, cut to 40 characters for a message.</summary>
    public static string Shown(string value) => value.Length > 40 ? value[..40] + "…" : value;

    public static ProblemHttpResult PreconditionFailed(long current) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: Texts.Pick("Vorbedingung nicht erfüllt.", "Precondition failed."),
            detail: Texts.Pick($"If-Match nennt nicht die aktuelle Version {current}.", $"If-Match does not name the current version {current}."));
}
