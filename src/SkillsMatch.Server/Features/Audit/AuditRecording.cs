using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Features.Audit;

/// <summary>
/// A response (or request body) that names clients, for the audit log: their ids, and the
/// impression list and need when it is a ranked list or about one need. Implemented explicitly,
/// so none of it appears in the JSON.
/// </summary>
public interface IClientData
{
    IEnumerable<int> ClientIds { get; }

    Guid? ListId => null;

    int? NeedId => null;
}

/// <summary>Endpoint metadata: requests to this endpoint are audited (see <see cref="AuditSetup.Audited"/>).</summary>
public sealed class AuditedEndpoint
{
    public static readonly AuditedEndpoint Instance = new();

    private AuditedEndpoint()
    {
    }
}

public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditRecorder>();

        // Wraps the default handler, so a role's refusal (403) on an audited route is recorded too.
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        return services;
    }

    /// <summary>
    /// Every request to the group's endpoints leaves one <see cref="AuditEntry"/>: answered by the
    /// handler (refusals and 404s included), refused by the role policy (403), or failed.
    /// </summary>
    public static RouteGroupBuilder Audited(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<AuditFilter>().WithMetadata(AuditedEndpoint.Instance);
}

/// <summary>
/// Writes audit entries, one INSERT per request, through a context of its own (the request's
/// context may be mid-transaction or failed). A write that fails throws, so the request answers
/// 500 instead of handing out client data nobody recorded.
/// </summary>
public sealed partial class AuditRecorder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditRecorder> logger)
{
    public Task RecordAsync(HttpContext http, int status, IReadOnlyCollection<int> clientIds, Guid? listId, int? needId) =>
        RecordAsync(http, status, AuditEntry.Join(clientIds), clientIds.Count, listId, needId, null);

    /// <summary>
    /// A bulk import or export: one entry with the number of clients and without their ids, which
    /// could run to a million (the file itself says which clients it held).
    /// </summary>
    public Task RecordBulkAsync(HttpContext http, int status, int clientCount, AuditAction action) =>
        RecordAsync(http, status, string.Empty, clientCount, null, null, action);

    private async Task RecordAsync(HttpContext http, int status, string clientIds, int clientCount, Guid? listId, int? needId, AuditAction? action)
    {
        var route = AuditRoute.Of(http);
        var access = http.RequestServices.GetRequiredService<Access>();
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = access.UserId,
            Role = access.Role,
            Action = action ?? route.Action,
            Endpoint = route.Endpoint,
            Status = status,
            ClientIds = clientIds,
            ClientCount = clientCount,
            ListId = listId,
            NeedId = needId ?? route.NeedId,
        };

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            db.AuditLog.Add(entry);

            // Not the request's token: a request the caller abandons was still answered as far as the database goes.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // Not a DbUpdateException any more: the error handler would call a constraint violation a 409.
            throw new InvalidOperationException($"The audit entry for {route.Endpoint} could not be written.", e);
        }
    }

    /// <summary>For an answer that is an error anyway (an exception): recorded as the response starts, with its final status; a failure is logged, not thrown.</summary>
    public void RecordWhenStarting(HttpContext http, IReadOnlyCollection<int> clientIds, int? needId)
    {
        http.Response.OnStarting(async () =>
        {
            try
            {
                await RecordAsync(http, http.Response.StatusCode, clientIds, null, needId);
            }
            catch (InvalidOperationException e)
            {
                Failed(logger, AuditRoute.Of(http).Endpoint, e);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the audit entry of a failed request to {Endpoint} failed")]
    private static partial void Failed(ILogger logger, string endpoint, Exception exception);
}

/// <summary>Records each request to an audited group after its handler ran, from the route and the result.</summary>
internal sealed class AuditFilter(AuditRecorder recorder) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception)
        {
            // The error handler decides the status (409, 412, 500 …); the entry takes it when the response starts.
            recorder.RecordWhenStarting(http, ClientIdsOf(http, context.Arguments, null), null);
            throw;
        }

        var inner = result;
        while (inner is INestedHttpResult nested)
        {
            inner = nested.Result;
        }

        var status = inner is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var value = inner switch
        {
            IValueHttpResult valued => valued.Value,
            IResult => null,
            _ => inner,
        };
        var data = value as IClientData;
        await recorder.RecordAsync(http, status, ClientIdsOf(http, context.Arguments, data), data?.ListId, data?.NeedId);
        return result;
    }

    /// <summary>The client of the route (even when refused or not found), of the request body and of the response.</summary>
    private static HashSet<int> ClientIdsOf(HttpContext http, IList<object?> arguments, IClientData? response)
    {
        var ids = new HashSet<int>();
        if (AuditRoute.Of(http).ClientId is { } routeClient)
        {
            ids.Add(routeClient);
        }

        foreach (var argument in arguments)
        {
            if (argument is IClientData input)
            {
                ids.UnionWith(input.ClientIds);
            }
        }

        if (response is not null)
        {
            ids.UnionWith(response.ClientIds);
        }

        return ids;
    }
}

/// <summary>Records a role's refusal (403) of an audited endpoint, then answers as the default handler does.</summary>
internal sealed class AuditingAuthorizationResultHandler(AuditRecorder recorder) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // Only signed-in users are refused with 403; an anonymous request (401) names nobody to record.
        if (authorizeResult.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<AuditedEndpoint>() is not null)
        {
            var route = AuditRoute.Of(context);
            await recorder.RecordAsync(context, StatusCodes.Status403Forbidden, route.ClientId is { } id ? [id] : [], null, null);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>What the route says about a request: its endpoint as "METHOD /pattern", the action, and the client or need it names.</summary>
internal sealed record AuditRoute(string Endpoint, AuditAction Action, int? ClientId, int? NeedId)
{
    private const string ClientRoute = "/api/clients/{id}";
    private const string NeedRoute = "/api/needs/{id}";

    public static AuditRoute Of(HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(AuditRoute), out var known) && known is AuditRoute route)
        {
            return route;
        }

        var pattern = http.GetEndpoint() is RouteEndpoint endpoint ? Format(endpoint.RoutePattern) : http.Request.Path.Value ?? "/";
        var id = http.Request.RouteValues.TryGetValue("id", out var raw)
            && int.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : (int?)null;
        var clientId = IsUnder(pattern, ClientRoute) ? id : null;
        var needId = IsUnder(pattern, NeedRoute) ? id : null;
        var method = http.Request.Method;
        var action = method switch
        {
            _ when HttpMethods.IsPost(method) => AuditAction.Create,
            _ when HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) => AuditAction.Update,
            _ when HttpMethods.IsDelete(method) => AuditAction.Delete,

            // One record by its id, or one client's data (its matches, its plan); else a list.
            _ => pattern.EndsWith('}') || clientId is not null ? AuditAction.Read : AuditAction.List,
        };
        route = new AuditRoute($"{method} {pattern}", action, clientId, needId);
        http.Items[typeof(AuditRoute)] = route;
        return route;
    }

    private static bool IsUnder(string pattern, string prefix) =>
        pattern.StartsWith(prefix, StringComparison.Ordinal) && (pattern.Length == prefix.Length || pattern[prefix.Length] == '/');

    /// <summary>"/api/clients/{id:int}" → "/api/clients/{id}": parameters without constraints, no trailing slash.</summary>
    private static string Format(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => string.Empty,
        }))));
}
