using SkillsMatch.Server.Features.Audit;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>
/// The audit of a page that calls an endpoint's method: one entry per call, as <see cref="AuditFilter"/>
/// writes it for the endpoint — the answer's status, the clients of the route, the input and the
/// answer, and the answer's list and need. The entry names the page's route and the API's action.
/// </summary>
internal static class PageAudit
{
    public static async Task<IResult> RecordAsync(HttpContext http, AuditAction action, Func<Task<IResult>> call, int? routeClient = null, IClientData? input = null, int? routeNeed = null)
    {
        var recorder = http.RequestServices.GetRequiredService<AuditRecorder>();
        var route = AuditRoute.Of(http);
        http.Items[typeof(AuditRoute)] = route with { Action = action, ClientId = routeClient, NeedId = routeNeed };
        var ids = new HashSet<int>();
        if (routeClient is { } client)
        {
            ids.Add(client);
        }

        if (input is not null)
        {
            ids.UnionWith(input.ClientIds);
        }

        IResult result;
        try
        {
            result = await call();
        }
        catch (Exception)
        {
            recorder.RecordWhenStarting(http, ids, null);
            throw;
        }

        var inner = result;
        while (inner is INestedHttpResult nested)
        {
            inner = nested.Result;
        }

        var status = inner is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var data = (inner as IValueHttpResult)?.Value as IClientData;
        if (data is not null)
        {
            ids.UnionWith(data.ClientIds);
        }

        await recorder.RecordAsync(http, status, ids, data?.ListId, data?.NeedId);
        return inner;
    }
}
