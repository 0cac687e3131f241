using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Features.ForumRounds;

public sealed record ForumRoundInput(string? Title, string? Sector, string? RegionCode, DateOnly? Date, string? Notes, long? Version);

public sealed record ForumRoundResponse(int Id, string Title, string? Sector, string? RegionCode, DateOnly Date, string? Notes, int NeedCount, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed class ForumRoundValidator : AbstractValidator<ForumRoundInput>
{
    public ForumRoundValidator(ReferenceData reference)
    {
        RuleFor(r => r.Title).NotEmpty().Text(Limits.Name);
        RuleFor(r => r.Sector).KnownSector(reference);
        RuleFor(r => r.RegionCode).KnownRegion(reference);
        RuleFor(r => r.Date).NotNull();
        RuleFor(r => r.Notes).Text(Limits.Text);
    }
}

public static class ForumRoundEndpoints
{
    public static RouteGroupBuilder MapForumRoundEndpoints(this IEndpointRouteBuilder routes)
    {
        // Every signed-in role may see when and where the forum meets; the job centre's staff plan the rounds.
        var group = routes.MapGroup("/api/forum/rounds").WithTags("Forum rounds").RequireAuthorization(Policies.SignedIn);

        group.MapGet("/", async Task<Results<Ok<PagedList<ForumRoundResponse>>, ValidationProblem>> (
            SkillsMatchDbContext db, ReferenceData reference, string? sector, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            var (p, size) = Paging.Check(page, pageSize, problems);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var query = db.ForumRounds.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(sector))
            {
                var code = reference.Vocabulary.ResolveSector(sector)?.Code ?? sector;
                query = query.Where(r => r.Sector == code);
            }

            if (from is { } f)
            {
                query = query.Where(r => r.Date >= f);
            }

            if (to is { } t)
            {
                query = query.Where(r => r.Date <= t);
            }

            var total = await query.CountAsync(ct);
            var items = await Project(db, query.OrderByDescending(r => r.Date).ThenBy(r => r.Id).TakePage(p, size)).ToListAsync(ct);
            return TypedResults.Ok(new PagedList<ForumRoundResponse>(items, p, size, total));
        });

        group.MapGet("/{id:int}", async Task<Results<Ok<ForumRoundResponse>, ProblemHttpResult>> (int id, SkillsMatchDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var round = await Project(db, db.ForumRounds.AsNoTracking().Where(r => r.Id == id)).FirstOrDefaultAsync(ct);
            if (round is null)
            {
                return NotFound(id);
            }

            http.Response.Headers.ETag = Concurrency.ETag(round.Version);
            return TypedResults.Ok(round);
        });

        group.MapPost("/", async Task<Results<Created<ForumRoundResponse>, ValidationProblem>> (
            ForumRoundInput input, ForumRoundValidator validator, SkillsMatchDbContext db, ReferenceData reference, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            problems.Add(await validator.ValidateAsync(input, ct));
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var round = new ForumRound { Title = "" };
            Apply(input, round, reference);
            db.ForumRounds.Add(round);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/forum/rounds/{round.Id}", ToResponse(round, 0));
        }).RequireAuthorization(Policies.ForumStaff);

        group.MapPut("/{id:int}", async Task<Results<Ok<ForumRoundResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, ForumRoundInput input, ForumRoundValidator validator, SkillsMatchDbContext db, ReferenceData reference, HttpContext http, CancellationToken ct) =>
        {
            var round = await db.ForumRounds.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (round is null)
            {
                return NotFound(id);
            }

            var problems = new ProblemBuilder();
            problems.Add(await validator.ValidateAsync(input, ct));
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            if (Concurrency.Check(http.Request, input.Version, round) is { } stale)
            {
                return stale;
            }

            Apply(input, round, reference);
            await db.SaveChangesAsync(ct);
            Concurrency.SetETag(http, round);
            return TypedResults.Ok(ToResponse(round, await db.Needs.CountAsync(n => n.ForumRoundId == id, ct)));
        }).RequireAuthorization(Policies.ForumStaff);

        group.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, SkillsMatchDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var round = await db.ForumRounds.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (round is null)
            {
                return NotFound(id);
            }

            if (http.Request.Headers.IfMatch.Count > 0 && Concurrency.Check(http.Request, null, round) is { } stale)
            {
                return stale;
            }

            // Needs of the round stay and become standalone (the foreign key sets null).
            db.ForumRounds.Remove(round);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ForumStaff);

        return group;
    }

    private static ProblemHttpResult NotFound(int id) => Problems.NotFound(Texts.Pick("Forumsrunde", "forum round"), id);

    private static IQueryable<ForumRoundResponse> Project(SkillsMatchDbContext db, IQueryable<ForumRound> rounds) =>
        rounds.Select(r => new ForumRoundResponse(
            r.Id, r.Title, r.Sector, r.RegionCode, r.Date, r.Notes,
            db.Needs.Count(n => n.ForumRoundId == r.Id),
            r.Version, r.CreatedAt, r.UpdatedAt));

    private static ForumRoundResponse ToResponse(ForumRound r, int needCount) =>
        new(r.Id, r.Title, r.Sector, r.RegionCode, r.Date, r.Notes, needCount, r.Version, r.CreatedAt, r.UpdatedAt);

    internal static void Apply(ForumRoundInput input, ForumRound round, ReferenceData reference)
    {
        round.Title = input.Title!.Trim();
        round.Sector = input.Sector is null ? null : reference.Vocabulary.ResolveSector(input.Sector)!.Code;
        round.RegionCode = input.RegionCode;
        round.Date = input.Date!.Value;
        round.Notes = input.Notes;
    }
}
