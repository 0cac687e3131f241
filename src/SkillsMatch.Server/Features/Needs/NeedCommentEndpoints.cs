using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Features.Needs;

public sealed record NeedCommentInput(string? Author, string? Text);

public sealed record NeedCommentResponse(int Id, int NeedId, string Author, string Text, DateTimeOffset CreatedAt)
{
    public static NeedCommentResponse From(NeedComment c) => new(c.Id, c.NeedId, c.Author, c.Text, c.CreatedAt);
}

public sealed class NeedCommentValidator : AbstractValidator<NeedCommentInput>
{
    public NeedCommentValidator()
    {
        RuleFor(c => c.Author).NotEmpty().Text(Limits.Name);
        RuleFor(c => c.Text).NotEmpty().Text(Limits.Text);
    }
}

public static class NeedCommentEndpoints
{
    public static RouteGroupBuilder MapNeedCommentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/needs/{needId:int}/comments").WithTags("Needs").RequireAuthorization(Policies.Forum);

        group.MapGet("/", async Task<Results<Ok<List<NeedCommentResponse>>, ProblemHttpResult>> (int needId, SkillsMatchDbContext db, Access access, CancellationToken ct) =>
            await List(needId, db, access, ct));

        group.MapPost("/", async Task<Results<Created<NeedCommentResponse>, ValidationProblem, ProblemHttpResult>> (
            int needId, NeedCommentInput input, NeedCommentValidator validator, SkillsMatchDbContext db, Access access, TimeProvider clock, CancellationToken ct) =>
            await Add(needId, input, validator, db, access, clock, ct));

        group.MapDelete("/{commentId:int}", async Task<Results<NoContent, ProblemHttpResult>> (int needId, int commentId, SkillsMatchDbContext db, Access access, HttpContext http, CancellationToken ct) =>
        {
            var comment = await db.NeedComments.FirstOrDefaultAsync(c => c.Id == commentId && c.NeedId == needId, ct);
            if (comment is null || !await NeedEndpoints.Visible(db.Needs, access).AnyAsync(n => n.Id == needId, ct))
            {
                return Problems.NotFound(Texts.Pick("Kommentar", "comment"), commentId);
            }

            if (Concurrency.CheckUnversioned(http.Request) is { } precondition)
            {
                return precondition;
            }

            db.NeedComments.Remove(comment);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        });

        return group;
    }

    /// <summary>The comments on a need the user may see, oldest first.</summary>
    internal static async Task<Results<Ok<List<NeedCommentResponse>>, ProblemHttpResult>> List(int needId, SkillsMatchDbContext db, Access access, CancellationToken ct)
    {
        if (!await NeedEndpoints.Visible(db.Needs, access).AnyAsync(n => n.Id == needId, ct))
        {
            return NeedNotFound(needId);
        }

        var comments = await db.NeedComments.AsNoTracking().Where(c => c.NeedId == needId).OrderBy(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(comments.Select(NeedCommentResponse.From).ToList());
    }

    internal static async Task<Results<Created<NeedCommentResponse>, ValidationProblem, ProblemHttpResult>> Add(
        int needId, NeedCommentInput input, NeedCommentValidator validator, SkillsMatchDbContext db, Access access, TimeProvider clock, CancellationToken ct)
    {
        if (!await NeedEndpoints.Visible(db.Needs, access).AnyAsync(n => n.Id == needId, ct))
        {
            return NeedNotFound(needId);
        }

        var problems = new ProblemBuilder();
        problems.Add(await validator.ValidateAsync(input, ct));
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var comment = new NeedComment { NeedId = needId, Author = input.Author!.Trim(), Text = input.Text!.Trim(), CreatedAt = clock.GetUtcNow() };
        db.NeedComments.Add(comment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/needs/{needId}/comments/{comment.Id}", NeedCommentResponse.From(comment));
    }

    private static ProblemHttpResult NeedNotFound(int id) => Problems.NotFound(Texts.Pick("Bedarf", "need"), id);
}
