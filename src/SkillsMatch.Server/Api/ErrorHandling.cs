using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Api;

/// <summary>
/// Turns what goes wrong below the handlers into problem details (RFC 9457) in the request's
/// language instead of a bare 400/500: malformed JSON (naming the field), a query or route value
/// that does not bind (naming the parameter; for enums, the allowed names), a lost
/// optimistic-concurrency race (412 with If-Match, else 409), a unique or foreign-key violation
/// from a concurrent writer (409), an oversized body (413).
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (
                StatusCodes.Status400BadRequest,
                Invalid,
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
            BadHttpRequestException bad when Parameter(bad.Message) is { } parameter => (
                StatusCodes.Status400BadRequest,
                Invalid,
                Texts.Pick("Ein Parameter ist ungültig oder fehlt.", "A parameter is invalid or missing."),
                new Dictionary<string, string[]> { [parameter.Name] = [ParameterMessage(parameter)] }),
            // The framework's own words for a body that is no JSON or is missing, said in the request's language.
            BadHttpRequestException bad when bad.Message.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal) => (
                StatusCodes.Status415UnsupportedMediaType,
                Texts.Pick("Medientyp nicht unterstützt.", "Unsupported media type."),
                ProblemTexts.UnsupportedMediaType,
                null),
            BadHttpRequestException bad when bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) => (
                StatusCodes.Status400BadRequest,
                Invalid,
                Texts.Pick("Der JSON-Inhalt der Anfrage fehlt.", "The request's JSON body is missing."),
                null),
            BadHttpRequestException bad => (bad.StatusCode, Texts.Pick("Ungültige Anfrage.", "Bad request."), Texts.Pick("Die Anfrage ist fehlerhaft.", bad.Message), null),
            DbUpdateConcurrencyException when HasIfMatch(context.Request) => (
                StatusCodes.Status412PreconditionFailed,
                Texts.Pick("Version veraltet.", "Version is stale."),
                Texts.Pick("Der Datensatz wurde gleichzeitig geändert; If-Match nennt nicht mehr die aktuelle Version. Bitte neu laden.",
                    "The record was changed at the same time; If-Match no longer names the current version. Reload it."),
                null),
            DbUpdateConcurrencyException => (
                StatusCodes.Status409Conflict,
                Texts.Pick("Konflikt.", "Conflict."),
                Texts.Pick("Der Datensatz wurde gleichzeitig geändert. Bitte neu laden.", "The record was changed at the same time. Reload it."),
                null),
            DbUpdateException update when DbConstraints.Violation(update) is { } violation => (
                StatusCodes.Status409Conflict,
                Texts.Pick("Konflikt.", "Conflict."),
                violation.Unique
                    ? Texts.Pick("Ein Datensatz mit diesem Wert existiert bereits (gleichzeitig angelegt).", "A record with this value already exists (created at the same time).")
                    : Texts.Pick("Ein verknüpfter Datensatz existiert nicht mehr oder wird noch verwendet (gleichzeitig geändert). Bitte neu laden.",
                        "A linked record no longer exists or is still in use (changed at the same time). Reload it."),
                violation.Field is { } field ? new Dictionary<string, string[]> { [field] = [violation.Unique ? Texts.Pick("Wert bereits vergeben.", "Value already taken.") : Texts.Pick("Verknüpfung ungültig.", "Invalid link.")] } : null),
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

    private static string Invalid => Texts.Pick("Die Anfrage enthält ungültige Angaben.", "The request has invalid fields.");

    private static bool HasIfMatch(HttpRequest request) => request.Headers.IfMatch.Count > 0 && request.Headers.IfMatch.ToString() != "*";

    private sealed record BindingFailure(string Name, string? Value, string TypeName);

    /// <summary>The parameter named by ASP.NET Core's binding messages ("Failed to bind parameter "int id" from "x"", "Required parameter … was not provided").</summary>
    private static BindingFailure? Parameter(string message)
    {
        var match = BindingMessage().Match(message);
        return match.Success
            ? new BindingFailure(ProblemBuilder.JsonPath(match.Groups["name"].Value), match.Groups["value"].Success ? match.Groups["value"].Value : null, match.Groups["type"].Value)
            : null;
    }

    [GeneratedRegex("""^(?:Failed to bind parameter|Required parameter) "(?:(?<type>[^"]+) )?(?<name>[A-Za-z_][A-Za-z0-9_]*)"(?: from "(?<value>.*)")?""", RegexOptions.Singleline)]
    private static partial Regex BindingMessage();

    private static string ParameterMessage(BindingFailure parameter)
    {
        if (parameter.Value is null)
        {
            return Texts.Pick("Pflichtangabe fehlt.", "Required value missing.");
        }

        var shown = Problems.Shown(parameter.Value);
        var type = TypeNamed(parameter.TypeName);
        var names = type is null ? null : EnumNames(type);
        return names is not null
            ? Texts.Pick($"Unbekannter Wert „{shown}“. Erlaubt: {names}.", $"Unknown value '{shown}'. Allowed: {names}.")
            : type is not null && (type == typeof(int) || type == typeof(long))
                ? Texts.Pick($"„{shown}“ ist keine ganze Zahl im erlaubten Bereich.", $"'{shown}' is not a whole number in the allowed range.")
                : type == typeof(DateOnly)
                    ? Texts.Pick($"„{shown}“ ist kein Datum (JJJJ-MM-TT).", $"'{shown}' is not a date (YYYY-MM-DD).")
                    : Texts.Pick($"Der Wert „{shown}“ ist nicht erlaubt.", $"The value '{shown}' is not allowed.");
    }

    /// <summary>The type in a binding message ("Nullable&lt;Named&lt;NeedStatus&gt;&gt;", "int"), looked up among the server's and the engine's types.</summary>
    private static Type? TypeNamed(string display)
    {
        var innermost = display.Split(['<', '>'], StringSplitOptions.RemoveEmptyEntries).Where(p => p != "Nullable").ToArray();
        if (innermost.Length == 0)
        {
            return null;
        }

        var name = innermost[^1].TrimEnd('?');
        var known = name switch
        {
            "int" or "Int32" => typeof(int),
            "long" or "Int64" => typeof(long),
            "DateOnly" => typeof(DateOnly),
            _ => null,
        };
        return known ?? typeof(ApiExceptionHandler).Assembly.GetTypes().Concat(typeof(SkillsMatch.Engine.Reference.ReferenceData).Assembly.GetTypes())
            .FirstOrDefault(t => t.IsEnum && t.Name == name);
    }

    private static string? EnumNames(Type type)
    {
        if (type.IsEnum)
        {
            return string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        }

        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Named<>)
            ? EnumNames(type.GetGenericArguments()[0])
            : null;
    }

    /// <summary>"$.mustHave[0].minLevel" → "mustHave[0].minLevel".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.TrimStart('$', '.');
}

/// <summary>
/// Checks what every handler would otherwise trip over, before any handler reads the body: a body
/// above <see cref="Limits.RequestBodyBytes"/> (413), a charset other than UTF-8 on a request
/// with a body (415; JSON is UTF-8, RFC 8259, and an unknown charset made the JSON reader throw),
/// and control characters in the query string (400 naming the parameter, <see cref="InputRules"/>).
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // An upload endpoint (bulk import) names its own, larger limit.
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? Limits.RequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Payload too large.", StatusCodes.Status413PayloadTooLarge);
        }

        // Every charset parameter counts, an empty one too ("charset=" made the JSON reader throw), and a second one may not contradict the first.
        if (context.Request.ContentType is { } contentType
            && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase) && !IsUtf8(p.Value.Value)) is { } charset)
        {
            var shown = Problems.Shown(charset.Value.Value ?? string.Empty);
            await Problems.WriteAsync(
                context,
                StatusCodes.Status415UnsupportedMediaType,
                Texts.Pick("Zeichensatz nicht unterstützt.", "Charset not supported."),
                Texts.Pick($"Der Zeichensatz „{shown}“ wird nicht unterstützt; Anfragen sind UTF-8 (charset=utf-8).",
                    $"The charset '{shown}' is not supported; requests are UTF-8 (charset=utf-8)."));
            return;
        }

        var query = new ProblemBuilder();
        InputRules.CheckQuery(context.Request.Query, query);
        if (query.HasErrors)
        {
            await query.ToProblem().ExecuteAsync(context);
            return;
        }

        var feature = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }

    private static bool IsUtf8(string? charset) =>
        charset?.Trim('"') is { } c && (c.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || c.Equals("utf8", StringComparison.OrdinalIgnoreCase));
}
