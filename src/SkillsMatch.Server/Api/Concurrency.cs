using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Api;

/// <summary>
/// Optimistic concurrency over HTTP: reads send the version as ETag; an update or delete
/// names the version it is based on, by <c>If-Match</c> (412 when stale) or by the
/// <c>version</c> field of the body (409 when stale). ETags are strong. A write that passed the
/// check but lost the race to a concurrent one answers as the check would have: 412 with If-Match,
/// 409 with a body version (<see cref="ApiExceptionHandler"/>).
/// </summary>
public static class Concurrency
{
    public static string ETag(long version) => $"\"{version}\"";

    public static void SetETag(HttpContext context, IVersioned entity) =>
        context.Response.Headers.ETag = ETag(entity.Version);

    /// <summary>A resource without versions (a comment) has no entity tag, so an If-Match naming one never matches (RFC 9110 §13.1.1); only "*" does.</summary>
    public static ProblemHttpResult? CheckUnversioned(HttpRequest request) =>
        request.Headers.IfMatch.Count > 0 && request.Headers.IfMatch.ToString() != "*"
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: Texts.Pick("Vorbedingung nicht erfüllt.", "Precondition failed."),
                detail: Texts.Pick("Dieser Datensatz hat keine Version; If-Match passt nur mit \"*\".", "This record has no version; If-Match matches only with \"*\"."))
            : null;

    /// <summary>A problem when the request is based on another version than <paramref name="entity"/>'s; otherwise null.</summary>
    public static ProblemHttpResult? Check(HttpRequest request, long? bodyVersion, IVersioned entity)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (!string.IsNullOrEmpty(ifMatch) && ifMatch != "*")
        {
            // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches, nor does one that does not parse.
            return EntityTagHeaderValue.TryParseList([.. request.Headers.IfMatch.OfType<string>()], out var tags)
                && tags.Any(t => !t.IsWeak && t.Tag.Value == ETag(entity.Version))
                ? null
                : Problems.PreconditionFailed(entity.Version);
        }

        return bodyVersion switch
        {
            null => TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: Texts.Pick("Version fehlt.", "Version missing."),
                detail: Texts.Pick(
                    "Änderungen nennen die Version, auf der sie beruhen: im Feld 'version' oder im Header If-Match.",
                    "Changes name the version they are based on: in the 'version' field or the If-Match header.")),
            var v when v != entity.Version => Problems.StaleVersion(entity.Version),
            _ => null,
        };
    }
}
