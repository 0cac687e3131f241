using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SkillsMatch.Server.Api;

/// <summary>Collects every offending field of a request before answering with one RFC 9457 problem.</summary>
public sealed class ProblemBuilder
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

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

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Texts.Pick("Konflikt.", "Conflict."), detail: detail);

    public static ProblemHttpResult StaleVersion(long current) =>
        Conflict(Texts.Pick(
            $"Der Datensatz wurde inzwischen geändert (aktuelle Version {current}). Bitte neu laden und die Änderung erneut senden.",
            $"The record has changed in the meantime (current version {current}). Reload it and send the change again."));

    public static ProblemHttpResult PreconditionFailed(long current) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: Texts.Pick("Vorbedingung nicht erfüllt.", "Precondition failed."),
            detail: Texts.Pick($"If-Match nennt nicht die aktuelle Version {current}.", $"If-Match does not name the current version {current}."));
}
