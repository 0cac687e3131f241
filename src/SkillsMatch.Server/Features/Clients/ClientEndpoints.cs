using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Privacy;

namespace SkillsMatch.Server.Features.Clients;

public static class ClientEndpoints
{
    public static RouteGroupBuilder MapClientEndpoints(this IEndpointRouteBuilder routes)
    {
        // Client profiles are social data: caseworkers only, and each only within their caseload (Access:Caseload).
        var group = routes.MapGroup("/api/clients").WithTags("Clients").RequireAuthorization(Policies.Caseworker).Audited();

        group.MapGet("/", (SkillsMatchDbContext db, ReferenceData reference, Access access, string? caseworker, string? region, string? skill, int? page, int? pageSize, CancellationToken ct) =>
            List(db, reference, access, caseworker, region, skill, page, pageSize, text: null, ct));

        group.MapGet("/{id:int}", (int id, SkillsMatchDbContext db, ReferenceData reference, Access access, HttpContext http, CancellationToken ct) =>
            Get(id, db, reference, access, http, ct));

        group.MapPost("/", async Task<Results<Created<ClientResponse>, ValidationProblem>> (
            ClientInput input, ClientValidator validator, SkillsMatchDbContext db, ReferenceData reference, CandidateIndexHost index, Access access, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            problems.Add(await validator.ValidateAsync(input, ct));
            CheckCaseload(access, input, problems);
            await problems.CheckReferenceAsync(db, input.Reference, null, ct);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var client = new Client { Reference = "", Caseworker = "", HomeMunicipalityAgs = "" };
            input.Apply(client);
            db.Clients.Add(client);
            await db.SaveChangesAsync(ct);
            await index.RefreshAsync(db, ct);
            return TypedResults.Created($"/api/clients/{client.Id}", ClientResponse.From(client, reference));
        });

        group.MapPut("/{id:int}", (int id, ClientInput input, ClientValidator validator, SkillsMatchDbContext db, ReferenceData reference, CandidateIndexHost index, Access access, HttpContext http, CancellationToken ct) =>
            Update(id, input, validator, db, reference, index, access, http, ct));

        // Deleting is erasing: the personal data go, the anonymised decision history stays (ClientErasure, docs/privacy.md).
        group.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, SkillsMatchDbContext db, ClientErasure erasure, Access access, HttpContext http, CancellationToken ct) =>
        {
            var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
            if (client is null || !access.Reaches(client))
            {
                return NotFound(id);
            }

            if (http.Request.Headers.IfMatch.Count > 0 && Concurrency.Check(http.Request, null, client) is { } stale)
            {
                return stale;
            }

            await erasure.EraseAsync([client.Id], ct);
            return TypedResults.NoContent();
        });

        return group;
    }

    /// <summary>The clients within the caseworker's reach, filtered; <paramref name="text"/> (the web pages' search) finds a part of the pseudonymous reference.</summary>
    internal static async Task<Results<Ok<PagedList<ClientResponse>>, ValidationProblem>> List(
        SkillsMatchDbContext db, ReferenceData reference, Access access, string? caseworker, string? region, string? skill, int? page, int? pageSize, string? text, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var (p, size) = Paging.Check(page, pageSize, problems);
        problems.CheckFilters(reference, region, skill);

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var query = access.CaseloadOf(db.Clients.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(caseworker))
        {
            query = query.Where(c => c.Caseworker == caseworker);
        }

        if (region is not null)
        {
            var municipalities = reference.Regions.InRegion(region).Select(m => m.Ags).ToList();
            query = query.Where(c => municipalities.Contains(c.HomeMunicipalityAgs));
        }

        if (skill is not null)
        {
            query = query.Where(c => c.Skills.Any(s => s.SkillId == skill));
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            query = query.WhereContains(c => c.Reference, text.Trim());
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.Id).TakePage(p, size).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<ClientResponse>([.. items.Select(c => ClientResponse.From(c, reference))], p, size, total));
    }

    internal static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Get(
        int id, SkillsMatchDbContext db, ReferenceData reference, Access access, HttpContext http, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null || !access.Reaches(client))
        {
            return NotFound(id);
        }

        Concurrency.SetETag(http, client);
        return TypedResults.Ok(ClientResponse.From(client, reference));
    }

    internal static async Task<Results<Ok<ClientResponse>, ValidationProblem, ProblemHttpResult>> Update(
        int id, ClientInput input, ClientValidator validator, SkillsMatchDbContext db, ReferenceData reference, CandidateIndexHost index, Access access, HttpContext http, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null || !access.Reaches(client))
        {
            return NotFound(id);
        }

        var problems = new ProblemBuilder();
        problems.Add(await validator.ValidateAsync(input, ct));
        CheckCaseload(access, input, problems);
        await problems.CheckReferenceAsync(db, input.Reference, id, ct);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        if (Concurrency.Check(http.Request, input.Version, client) is { } stale)
        {
            return stale;
        }

        input.Apply(client);
        await db.SaveChangesAsync(ct);
        await index.RefreshAsync(db, ct);
        Concurrency.SetETag(http, client);
        return TypedResults.Ok(ClientResponse.From(client, reference));
    }

    /// <summary>A caseworker files a client only into a caseload within their reach.</summary>
    private static void CheckCaseload(Access access, ClientInput input, ProblemBuilder problems)
    {
        if (input.Caseworker is { Length: > 0 } code && !access.Reaches(code))
        {
            problems.Add("caseworker", Texts.Pick($"Das Fallkürzel {Problems.Shown(code)} gehört nicht zu Ihrem Bestand.", $"Caseload {Problems.Shown(code)} is not within your reach."));
        }
    }

    private static ProblemHttpResult NotFound(int id) => Problems.NotFound(Texts.Pick("Klient", "client"), id);
}
