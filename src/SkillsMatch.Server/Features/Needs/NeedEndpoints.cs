using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Features.Needs;

/// <summary>Filters of the need list; every one optional.</summary>
public sealed record NeedFilter(
    Named<NeedStatus>? Status,
    Named<NeedKind>? Kind,
    int? Employer,
    int? Round,
    string? Region,
    string? Skill,
    DateOnly? From,
    DateOnly? To,
    string? Q,
    int? Page,
    int? PageSize);

public static class NeedEndpoints
{
    /// <summary>What a need's body takes beyond ids and codes (docs/needs.md).</summary>
    public const string NeedInputDescription =
        "minLevel of a skill is 1 (basic) when left out. municipalityAgs takes the key (AGS) or a name naming one municipality (\"Ingelheim\" → 07339030); the key is stored. "
        + "The period ends at periodEnd or after durationWeeks weeks (end = periodStart + weeks × 7 − 1 day); both given must agree, else 400 on durationWeeks. "
        + "certificates are required (a training plan may close them), niceToHaveCertificates welcome: holders get credit in niceToHaveCoverage, skillFit and the explanation. "
        + "An unknown skill id, place, certificate or occupation is refused naming the field, with the closest entries in the message (\"Meinten Sie: …?\").";

    public static RouteGroupBuilder MapNeedEndpoints(this IEndpointRouteBuilder routes)
    {
        // Employers see and change their own organisation's needs; caseworkers (the employer service) every need.
        var group = routes.MapGroup("/api/needs").WithTags("Needs").RequireAuthorization(Policies.Forum);

        group.MapGet("/", async Task<Results<Ok<PagedList<NeedResponse>>, ValidationProblem>> (
            [AsParameters] NeedFilter filter, SkillsMatchDbContext db, ReferenceData reference, Access access, CancellationToken ct) =>
            await List(Visible(db.Needs.AsNoTracking(), access), filter, reference, ct));

        group.MapGet("/{id:int}", async Task<Results<Ok<NeedResponse>, ProblemHttpResult>> (
            int id, SkillsMatchDbContext db, ReferenceData reference, Access access, HttpContext http, CancellationToken ct) =>
            await Get(id, db, reference, access, http, ct));

        group.MapPost("/", async Task<Results<Created<NeedResponse>, ValidationProblem>> (
            NeedInput input, NeedValidator validator, SkillsMatchDbContext db, ReferenceData reference, Access access, CancellationToken ct) =>
            await Create(input, validator, db, reference, access, ct))
            .WithDescription(NeedInputDescription);

        group.MapNeedDraftEndpoint();

        group.MapPut("/{id:int}", async Task<Results<Ok<NeedResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, NeedInput input, NeedValidator validator, SkillsMatchDbContext db, ReferenceData reference, Access access, HttpContext http, CancellationToken ct) =>
        {
            var need = await db.Needs.FirstOrDefaultAsync(n => n.Id == id, ct);
            if (need is null || !access.OwnsEmployer(need.EmployerId))
            {
                return NotFound(id);
            }

            var problems = new ProblemBuilder();
            problems.Add(await validator.ValidateAsync(input, ct));
            CheckEmployer(access, input, problems);
            if (input.Status is { } status && !NeedMapping.CanMove(need.Status, status))
            {
                problems.Add("status", Texts.Pick(
                    $"Ein Bedarf im Status {need.Status} kann nicht in den Status {status} wechseln.",
                    $"A need in status {need.Status} cannot move to status {status}."));
            }

            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            if (Concurrency.Check(http.Request, input.Version, need) is { } stale)
            {
                return stale;
            }

            // Version is a concurrency token: a write between this read and the save fails with 409.
            input.Apply(need, reference);
            await db.SaveChangesAsync(ct);
            await db.Entry(need).Reference(n => n.Employer).LoadAsync(ct);
            Concurrency.SetETag(http, need);
            return TypedResults.Ok(NeedResponse.From(need, reference));
        }).WithDescription(NeedInputDescription);

        group.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, SkillsMatchDbContext db, Access access, HttpContext http, CancellationToken ct) =>
        {
            var need = await db.Needs.FirstOrDefaultAsync(n => n.Id == id, ct);
            if (need is null || !access.OwnsEmployer(need.EmployerId))
            {
                return NotFound(id);
            }

            if (http.Request.Headers.IfMatch.Count > 0 && Concurrency.Check(http.Request, null, need) is { } stale)
            {
                return stale;
            }

            db.Needs.Remove(need);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        });

        // Needs of one forum round.
        var rounds = routes.MapGroup("/api/forum/rounds/{roundId:int}/needs").WithTags("Forum rounds").RequireAuthorization(Policies.Forum);
        rounds.MapGet("/", async Task<IResult> (
            int roundId, [AsParameters] NeedFilter filter, SkillsMatchDbContext db, ReferenceData reference, Access access, CancellationToken ct) =>
        {
            if (!await db.ForumRounds.AnyAsync(r => r.Id == roundId, ct))
            {
                return Problems.NotFound(Texts.Pick("Forumsrunde", "forum round"), roundId);
            }

            return (await List(Visible(db.Needs.AsNoTracking(), access).Where(n => n.ForumRoundId == roundId), filter, reference, ct)).Result;
        });
        rounds.MapPost("/", async Task<IResult> (
            int roundId, NeedInput input, NeedValidator validator, SkillsMatchDbContext db, ReferenceData reference, Access access, CancellationToken ct) =>
        {
            if (!await db.ForumRounds.AnyAsync(r => r.Id == roundId, ct))
            {
                return Problems.NotFound(Texts.Pick("Forumsrunde", "forum round"), roundId);
            }

            if (input.ForumRoundId is { } other && other != roundId)
            {
                var problems = new ProblemBuilder();
                problems.Add("forumRoundId", Texts.Pick($"Widerspricht der Forumsrunde {roundId} der Adresse.", $"Contradicts forum round {roundId} of the address."));
                return problems.ToProblem();
            }

            return (await Create(input with { ForumRoundId = roundId }, validator, db, reference, access, ct)).Result;
        }).WithDescription(NeedInputDescription);

        return group;
    }

    /// <summary>One need, if the user may see it (employers their organisation's only); 404 otherwise.</summary>
    internal static async Task<Results<Ok<NeedResponse>, ProblemHttpResult>> Get(
        int id, SkillsMatchDbContext db, ReferenceData reference, Access access, HttpContext http, CancellationToken ct)
    {
        var need = await db.Needs.AsNoTracking().Include(n => n.Employer).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (need is null || !access.OwnsEmployer(need.EmployerId))
        {
            return NotFound(id);
        }

        Concurrency.SetETag(http, need);
        return TypedResults.Ok(NeedResponse.From(need, reference));
    }

    private static ProblemHttpResult NotFound(int id) => Problems.NotFound(Texts.Pick("Bedarf", "need"), id);

    /// <summary>The needs an employer user sees: their organisation's; every need for the employer service.</summary>
    public static IQueryable<Need> Visible(IQueryable<Need> needs, Access access)
    {
        if (!access.IsEmployer)
        {
            return needs;
        }

        var own = access.EmployerId;
        return needs.Where(n => n.EmployerId == own);
    }

    /// <summary>An employer user posts needs for their own organisation only.</summary>
    private static void CheckEmployer(Access access, NeedInput input, ProblemBuilder problems)
    {
        if (access.IsEmployer && input.EmployerId is { } employer && employer != access.EmployerId)
        {
            problems.Add("employerId", Texts.Pick("Bedarfe nur für den eigenen Arbeitgeber melden.", "Post needs for your own organisation only."));
        }
    }

    internal static async Task<Results<Created<NeedResponse>, ValidationProblem>> Create(
        NeedInput input, NeedValidator validator, SkillsMatchDbContext db, ReferenceData reference, Access access, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        problems.Add(await validator.ValidateAsync(input, ct));
        CheckEmployer(access, input, problems);
        if (input.Status is not (null or NeedStatus.Draft or NeedStatus.Open))
        {
            problems.Add("status", Texts.Pick("Ein neuer Bedarf ist Entwurf (draft) oder offen (open).", "A new need is draft or open."));
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var need = new Need { Title = "", MunicipalityAgs = "", Status = NeedStatus.Open };
        input.Apply(need, reference);
        db.Needs.Add(need);
        await db.SaveChangesAsync(ct);
        await db.Entry(need).Reference(n => n.Employer).LoadAsync(ct);
        return TypedResults.Created($"/api/needs/{need.Id}", NeedResponse.From(need, reference));
    }

    internal static async Task<Results<Ok<PagedList<NeedResponse>>, ValidationProblem>> List(
        IQueryable<Need> query, NeedFilter filter, ReferenceData reference, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var (page, size) = Paging.Check(filter.Page, filter.PageSize, problems);
        problems.CheckFilters(reference, filter.Region, filter.Skill);

        if (filter is { From: { } f, To: { } t } && t < f)
        {
            problems.Add("to", Texts.Pick("Das Ende liegt vor dem Beginn.", "The end is before the start."));
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        if (filter.Status?.Value is { } status)
        {
            query = query.Where(n => n.Status == status);
        }

        if (filter.Kind?.Value is { } kind)
        {
            query = query.Where(n => n.Kind == kind);
        }

        if (filter.Employer is { } employer)
        {
            query = query.Where(n => n.EmployerId == employer);
        }

        if (filter.Round is { } round)
        {
            query = query.Where(n => n.ForumRoundId == round);
        }

        if (filter.Region is { } r)
        {
            var municipalities = reference.Regions.InRegion(r).Select(m => m.Ags).ToList();
            query = query.Where(n => municipalities.Contains(n.MunicipalityAgs));
        }

        if (filter.Skill is { } s)
        {
            query = query.Where(n => n.Skills.Any(k => k.SkillId == s));
        }

        // A need overlaps [from, to] when it starts before the window ends and ends after it starts.
        if (filter.To is { } to)
        {
            query = query.Where(n => n.PeriodStart <= to);
        }

        if (filter.From is { } from)
        {
            query = query.Where(n => n.PeriodEnd == null || n.PeriodEnd >= from);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            query = query.WhereContains(n => n.Title, filter.Q);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(n => n.PeriodStart).ThenBy(n => n.Id).TakePage(page, size).Include(n => n.Employer).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<NeedResponse>([.. items.Select(n => NeedResponse.From(n, reference))], page, size, total));
    }
}
