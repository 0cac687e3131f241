using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Features.Employers;

public sealed record EmployerInput(string? Name, string? Sector, string? MunicipalityAgs, string? ContactName, string? ContactEmail, long? Version);

public sealed record EmployerResponse(
    int Id, string Name, string Sector, string? SectorLabel, string MunicipalityAgs, string? MunicipalityName,
    string? ContactName, string? ContactEmail, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The employer with its sector and municipality named in the request language, beside the codes.</summary>
    public static EmployerResponse From(Employer e, ReferenceData reference) => new(
        e.Id, e.Name, e.Sector, reference.Vocabulary.FindSector(e.Sector) is { } sector ? (Texts.Current == Language.German ? sector.LabelDe : sector.LabelEn) : null,
        e.MunicipalityAgs, reference.Regions.Find(e.MunicipalityAgs)?.Name, e.ContactName, e.ContactEmail, e.Version, e.CreatedAt, e.UpdatedAt);
}

public sealed class EmployerValidator : AbstractValidator<EmployerInput>
{
    public EmployerValidator(ReferenceData reference)
    {
        RuleFor(e => e.Name).NotEmpty().Text(Limits.Name);
        RuleFor(e => e.Sector).NotEmpty().KnownSector(reference);
        RuleFor(e => e.MunicipalityAgs).NotEmpty().KnownPlace(reference);
        RuleFor(e => e.ContactName).Text(Limits.Name);
        RuleFor(e => e.ContactEmail).EmailAddress().Text(Limits.Name);
    }
}

public static class EmployerEndpoints
{
    public static RouteGroupBuilder MapEmployerEndpoints(this IEndpointRouteBuilder routes)
    {
        // Employer users see and change their own organisation only; staff create and delete employers.
        var group = routes.MapGroup("/api/employers").WithTags("Employers").RequireAuthorization(Policies.Directory);

        group.MapGet("/", async Task<Results<Ok<PagedList<EmployerResponse>>, ValidationProblem>> (
            SkillsMatchDbContext db, ReferenceData reference, Access access, string? q, string? sector, int? page, int? pageSize, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            var (p, size) = Paging.Check(page, pageSize, problems);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var query = db.Employers.AsNoTracking();
            if (access.IsEmployer)
            {
                var own = access.EmployerId;
                query = query.Where(e => e.Id == own);
            }

            if (!string.IsNullOrWhiteSpace(q))
            {
                query = query.WhereContains(e => e.Name, q);
            }

            if (!string.IsNullOrWhiteSpace(sector))
            {
                var code = reference.Vocabulary.ResolveSector(sector)?.Code ?? sector;
                query = query.Where(e => e.Sector == code);
            }

            var total = await query.CountAsync(ct);
            var items = await query.OrderBy(e => e.Name).ThenBy(e => e.Id).TakePage(p, size).ToListAsync(ct);
            return TypedResults.Ok(new PagedList<EmployerResponse>([.. items.Select(e => EmployerResponse.From(e, reference))], p, size, total));
        });

        group.MapGet("/{id:int}", async Task<Results<Ok<EmployerResponse>, ProblemHttpResult>> (int id, SkillsMatchDbContext db, ReferenceData reference, Access access, HttpContext http, CancellationToken ct) =>
        {
            var employer = await db.Employers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
            if (employer is null || !access.OwnsEmployer(id))
            {
                return Problems.NotFound(Texts.Pick("Arbeitgeber", "employer"), id);
            }

            Concurrency.SetETag(http, employer);
            return TypedResults.Ok(EmployerResponse.From(employer, reference));
        });

        group.MapPost("/", async Task<Results<Created<EmployerResponse>, ValidationProblem>> (
            EmployerInput input, EmployerValidator validator, SkillsMatchDbContext db, ReferenceData reference, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            problems.Add(await validator.ValidateAsync(input, ct));
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var employer = new Employer { Name = "", Sector = "", MunicipalityAgs = "" };
            Apply(input, employer, reference);
            db.Employers.Add(employer);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/employers/{employer.Id}", EmployerResponse.From(employer, reference));
        }).RequireAuthorization(Policies.ForumStaff);

        group.MapPut("/{id:int}", async Task<Results<Ok<EmployerResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, EmployerInput input, EmployerValidator validator, SkillsMatchDbContext db, ReferenceData reference, Access access, HttpContext http, CancellationToken ct) =>
        {
            var employer = await db.Employers.FirstOrDefaultAsync(e => e.Id == id, ct);
            if (employer is null || !access.OwnsEmployer(id))
            {
                return Problems.NotFound(Texts.Pick("Arbeitgeber", "employer"), id);
            }

            var problems = new ProblemBuilder();
            problems.Add(await validator.ValidateAsync(input, ct));
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            if (Concurrency.Check(http.Request, input.Version, employer) is { } stale)
            {
                return stale;
            }

            Apply(input, employer, reference);
            await db.SaveChangesAsync(ct);
            Concurrency.SetETag(http, employer);
            return TypedResults.Ok(EmployerResponse.From(employer, reference));
        }).RequireAuthorization(Policies.Forum);

        group.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, SkillsMatchDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var employer = await db.Employers.FirstOrDefaultAsync(e => e.Id == id, ct);
            if (employer is null)
            {
                return Problems.NotFound(Texts.Pick("Arbeitgeber", "employer"), id);
            }

            if (http.Request.Headers.IfMatch.Count > 0 && Concurrency.Check(http.Request, null, employer) is { } stale)
            {
                return stale;
            }

            if (await db.Needs.AnyAsync(n => n.EmployerId == id, ct))
            {
                return Problems.Conflict(Texts.Pick(
                    "Der Arbeitgeber hat noch Bedarfe; erst diese löschen oder schließen.",
                    "The employer still has needs; delete or close them first."));
            }

            db.Employers.Remove(employer);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ForumStaff);

        return group;
    }

    /// <summary>Stores the sector's code and the municipality's key, whether given by code or by name.</summary>
    internal static void Apply(EmployerInput input, Employer employer, ReferenceData reference)
    {
        employer.Name = input.Name!.Trim();
        employer.Sector = reference.Vocabulary.ResolveSector(input.Sector!)!.Code;
        employer.MunicipalityAgs = reference.Regions.Resolve(input.MunicipalityAgs!)!.Ags;
        employer.ContactName = input.ContactName;
        employer.ContactEmail = input.ContactEmail;
    }
}
