using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Api;

/// <summary>
/// Turns malformed JSON, a lost optimistic-concurrency race and an oversized body into
/// problem details instead of a bare 400/500.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (
                StatusCodes.Status400BadRequest,
                Texts.Pick("Die Anfrage enthält ungültige Angaben.", "The request has invalid fields."),
                Texts.Pick("Ein Wert hat nicht das erwartete Format.", "A value does not have the expected format."),
                new Dictionary<string, string[]>
                {
                    [FieldOf(json.Path)] = [Texts.Pick("Der Wert hat einen falschen Typ oder ist nicht erlaubt.", "The value has the wrong type or is not allowed.")],
                }),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (
                StatusCodes.Status413PayloadTooLarge,
                Texts.Pick("Anfrage zu groß.", "Payload too large."),
                Texts.Pick($"Anfragen dürfen höchstens {Limits.RequestBodyBytes} Bytes groß sein.", $"Requests may be at most {Limits.RequestBodyBytes} bytes."),
                null),
            BadHttpRequestException bad => (bad.StatusCode, Texts.Pick("Ungültige Anfrage.", "Bad request."), bad.Message, null),
            DbUpdateConcurrencyException => (
                StatusCodes.Status409Conflict,
                Texts.Pick("Konflikt.", "Conflict."),
                Texts.Pick("Der Datensatz wurde gleichzeitig geändert. Bitte neu laden.", "The record was changed at the same time. Reload it."),
                null),
            _ => (0, string.Empty, string.Empty, (Dictionary<string, string[]>?)null),
        };
        if (status == 0)
        {
            return false;
        }

        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>"$.mustHave[0].minLevel" → "mustHave[0].minLevel".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.TrimStart('$', '.');
}

/// <summary>Refuses a body above <see cref="Limits.RequestBodyBytes"/> before any handler reads it, on every server.</summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > Limits.RequestBodyBytes)
        {
            throw new BadHttpRequestException("Payload too large.", StatusCodes.Status413PayloadTooLarge);
        }

        var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = Limits.RequestBodyBytes;
        }

        return next(context);
    }
}
