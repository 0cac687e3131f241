using Microsoft.AspNetCore.Http.HttpResults;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Matching;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>A client's profile and ranked needs, read as <c>GET /api/clients/{id}</c> and <c>GET /api/clients/{id}/matches</c> read them, each call audited.</summary>
public sealed record ClientFile(ClientResponse Client, MatchesResponse Matches)
{
    /// <summary>Null when the client does not exist or is out of reach (the API's 404).</summary>
    public static async Task<ClientFile?> LoadAsync(
        HttpContext http, int id, int top, SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, Access access, TimeProvider clock, CancellationToken ct)
    {
        var profile = await PageAudit.RecordAsync(http, AuditAction.Read, async () =>
            (await ClientEndpoints.Get(id, db, reference, access, http, ct)).Result, routeClient: id);
        if (profile is not Ok<ClientResponse> { Value: { } client })
        {
            return null;
        }

        var matches = await PageAudit.RecordAsync(http, AuditAction.Read, async () =>
            (await MatchingEndpoints.Matches(id, top, db, host, reference, access, clock, http.Response, ct)).Result, routeClient: id);
        return matches is Ok<MatchesResponse> { Value: { } ranked } ? new ClientFile(client, ranked) : null;
    }
}
