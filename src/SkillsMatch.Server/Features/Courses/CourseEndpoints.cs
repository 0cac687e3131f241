using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Bulk;

namespace SkillsMatch.Server.Features.Courses;

public static class CourseEndpoints
{
    public static RouteGroupBuilder MapCourseEndpoints(this IEndpointRouteBuilder routes)
    {
        // The catalogue is open to every signed-in role; a training provider changes only its own courses.
        var group = routes.MapGroup("/api/courses").WithTags("Courses").RequireAuthorization(Policies.SignedIn);

        group.MapGet("/", ListAsync);

        group.MapGet("/{id:int}", async Task<Results<Ok<CourseResponse>, ProblemHttpResult>> (
            int id, SkillsMatchDbContext db, ReferenceData reference, HttpContext http, CancellationToken ct) =>
        {
            var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (course is null)
            {
                return NotFound(id);
            }

            Concurrency.SetETag(http, course);
            return TypedResults.Ok(CourseResponse.From(course, reference));
        });

        group.MapPost("/", async Task<Results<Created<CourseResponse>, ValidationProblem>> (
            CourseInput input, CourseValidator validator, SkillsMatchDbContext db, ReferenceData reference, Access access, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            problems.Add(await validator.ValidateAsync(input, ct));
            CheckProvider(access, input, problems);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var course = new Course { Provider = "", Title = "" };
            input.Apply(course);
            db.Courses.Add(course);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/courses/{course.Id}", CourseResponse.From(course, reference));
        }).RequireAuthorization(Policies.Courses);

        // A provider's whole catalogue (docs/training.md): CSV as text/csv, or a JSON array of the same rows.
        group.MapPost("/import", async Task<Results<Ok<BulkResult>, ProblemHttpResult>> (
            HttpContext http, CatalogueImporter importer, Access access, CancellationToken ct) =>
        {
            BulkResult result;
            if (http.Request.HasJsonContentType())
            {
                List<CatalogueRow>? rows;
                try
                {
                    rows = await http.Request.ReadFromJsonAsync<List<CatalogueRow>>(ct);
                }
                catch (System.Text.Json.JsonException e)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: Texts.Pick("Ungültiges JSON.", "Invalid JSON."), detail: e.Message);
                }

                result = await importer.ImportJsonAsync(rows ?? [], access.OwnsProvider, ct);
            }
            else
            {
                // Buffered first: the CSV reader reads synchronously, and a request body may not be.
                await using var file = new MemoryStream();
                await http.Request.Body.CopyToAsync(file, ct);
                file.Position = 0;
                result = await importer.ImportCsvAsync(file, access.OwnsProvider, ct);
            }

            return result.Imported ? TypedResults.Ok(result) : Refused(result);
        })
        .RequireAuthorization(Policies.Courses)
        .WithSummary("Imports a provider's course catalogue (CSV or JSON, docs/training.md): all rows or none (422 naming every bad row by line and column); upserts by provider and provider course id.");

        group.MapPut("/{id:int}", async Task<Results<Ok<CourseResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, CourseInput input, CourseValidator validator, SkillsMatchDbContext db, ReferenceData reference, Access access, HttpContext http, CancellationToken ct) =>
        {
            var course = await db.Courses.FirstOrDefaultAsync(c => c.Id == id, ct);
            if (course is null)
            {
                return NotFound(id);
            }

            if (!access.OwnsProvider(course.Provider))
            {
                return NotYours(id);
            }

            var problems = new ProblemBuilder();
            problems.Add(await validator.ValidateAsync(input, ct));
            CheckProvider(access, input, problems);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            if (Concurrency.Check(http.Request, input.Version, course) is { } stale)
            {
                return stale;
            }

            input.Apply(course);
            await db.SaveChangesAsync(ct);
            Concurrency.SetETag(http, course);
            return TypedResults.Ok(CourseResponse.From(course, reference));
        }).RequireAuthorization(Policies.Courses);

        group.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, SkillsMatchDbContext db, Access access, HttpContext http, CancellationToken ct) =>
        {
            var course = await db.Courses.FirstOrDefaultAsync(c => c.Id == id, ct);
            if (course is null)
            {
                return NotFound(id);
            }

            if (!access.OwnsProvider(course.Provider))
            {
                return NotYours(id);
            }

            if (http.Request.Headers.IfMatch.Count > 0 && Concurrency.Check(http.Request, null, course) is { } stale)
            {
                return stale;
            }

            db.Courses.Remove(course);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Courses);

        return group;
    }

    /// <summary>The catalogue, filtered by provider (a part of its name) and skill, paged; the provider's web page calls it too.</summary>
    internal static async Task<Results<Ok<PagedList<CourseResponse>>, ValidationProblem>> ListAsync(
        SkillsMatchDbContext db, ReferenceData reference, string? provider, string? skill, int? page, int? pageSize, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var (p, size) = Paging.Check(page, pageSize, problems);
        problems.CheckFilters(reference, skill: skill);

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var query = db.Courses.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(provider))
        {
            query = query.WhereContains(c => c.Provider, provider);
        }

        if (skill is not null)
        {
            query = query.Where(c => c.Skills.Any(s => s.SkillId == skill));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.Provider).ThenBy(c => c.Title).ThenBy(c => c.Id).TakePage(p, size).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<CourseResponse>([.. items.Select(c => CourseResponse.From(c, reference))], p, size, total));
    }

    private static ProblemHttpResult Refused(BulkResult result) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: Texts.Pick("Nichts importiert: der Katalog enthält ungültige Zeilen.", "Nothing imported: the catalogue has invalid rows."),
            detail: Texts.Pick($"{result.Invalid} von {result.Rows} Zeilen sind ungültig (siehe 'rows').", $"{result.Invalid} of {result.Rows} rows are invalid (see 'rows')."),
            extensions: new Dictionary<string, object?>
            {
                ["rowCount"] = result.Rows,
                ["invalid"] = result.Invalid,
                ["rows"] = result.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }).ToList(),
            });

    private static ProblemHttpResult NotYours(int id) =>
        Problems.Forbidden(Texts.Pick($"Kurs {id} gehört einem anderen Bildungsträger.", $"Course {id} belongs to another provider."));

    /// <summary>A training provider posts courses under its own name only.</summary>
    private static void CheckProvider(Access access, CourseInput input, ProblemBuilder problems)
    {
        if (access.IsProvider && input.Provider is { } provider && !string.Equals(provider.Trim(), access.Provider, StringComparison.Ordinal))
        {
            problems.Add("provider", Texts.Pick("Kurse nur unter dem eigenen Trägernamen anlegen.", "Post courses under your own provider name only."));
        }
    }

    private static ProblemHttpResult NotFound(int id) => Problems.NotFound(Texts.Pick("Kurs", "course"), id);
}
