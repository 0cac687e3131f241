using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;

namespace SkillsMatch.Server.Features.Outcomes;

public sealed record OutcomeInput(int? NeedId, int? ClientId, OutcomeStage? Stage, string? Reason, DateOnly? Date, string? DecidedBy, long? Version, int? RankAtProposal = null, string? PassOverReason = null, long? ImpressionId = null) : IClientData
{
    /// <summary>The client an outcome names, audited even when the outcome is refused.</summary>
    IEnumerable<int> IClientData.ClientIds => ClientId is { } id ? [id] : [];

    int? IClientData.NeedId => NeedId;
}

public sealed record OutcomeResponse(
    int Id, int NeedId, int? ClientId, OutcomeStage Stage, string? Reason, DateOnly Date, string? DecidedBy, int? RankAtProposal, string? PassOverReason, long? ImpressionId,
    long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt) : IClientData
{
    IEnumerable<int> IClientData.ClientIds => ClientId is { } id ? [id] : [];

    int? IClientData.NeedId => NeedId;

    public static OutcomeResponse From(Outcome o) => new(
        o.Id, o.NeedId, o.ClientId, o.Stage, o.Reason, o.Date, o.DecidedBy, o.RankAtProposal, o.PassOverReason, o.ImpressionId, o.Version, o.CreatedAt, o.UpdatedAt);
}

public sealed class OutcomeValidator : AbstractValidator<OutcomeInput>
{
    public OutcomeValidator(SkillsMatchDbContext db)
    {
        RuleFor(o => o.NeedId).NotNull()
            .MustAsync(async (id, ct) => id is null || await db.Needs.AnyAsync(n => n.Id == id, ct))
            .WithMessage((_, id) => Texts.Pick($"Unbekannter Bedarf {id}.", $"Unknown need {id}."));
        RuleFor(o => o.ClientId).NotNull()
            .MustAsync(async (id, ct) => id is null || await db.Clients.AnyAsync(c => c.Id == id, ct))
            .WithMessage((_, id) => Texts.Pick($"Unbekannter Klient {id}.", $"Unknown client {id}."));
        RuleFor(o => o.Stage).NotNull();
        RuleFor(o => o.Date).NotNull();
        RuleFor(o => o.Reason).Text(Limits.Text);
        RuleFor(o => o.DecidedBy).Text(Limits.Code);
        RuleFor(o => o.RankAtProposal).InclusiveBetween(1, 500);
        RuleFor(o => o.PassOverReason).Text(Limits.Text);

        // The impression must be a row shown for this very need and client; a typed rank must agree with it.
        RuleFor(o => o.ImpressionId)
            .MustAsync(async (o, id, ct) => id is null || await db.Impressions.AnyAsync(i => i.Id == id && i.NeedId == o.NeedId && i.ClientId == o.ClientId, ct))
            .WithMessage((o, id) => Texts.Pick(
                $"Die Anzeige {id} gehört nicht zu Bedarf {o.NeedId} und Klient {o.ClientId}.",
                $"Impression {id} does not belong to need {o.NeedId} and client {o.ClientId}."));
        RuleFor(o => o.RankAtProposal)
            .MustAsync(async (o, rank, ct) => rank is null || o.ImpressionId is null
                || !await db.Impressions.AnyAsync(i => i.Id == o.ImpressionId && i.Rank != rank, ct))
            .WithMessage(o => Texts.Pick(
                "rankAtProposal weicht vom Rang der Anzeige ab; ohne Angabe wird er von der Anzeige übernommen.",
                "rankAtProposal differs from the impression's rank; leave it out to take the impression's."));
    }
}

public static class OutcomeEndpoints
{
    public static RouteGroupBuilder MapOutcomeEndpoints(this IEndpointRouteBuilder routes)
    {
        // Outcomes train the ranker: only caseworkers record them, and only for clients within their reach.
        var group = routes.MapGroup("/api/outcomes").WithTags("Outcomes").RequireAuthorization(Policies.Caseworker).Audited();

        group.MapGet("/", async Task<Results<Ok<PagedList<OutcomeResponse>>, ValidationProblem>> (
            SkillsMatchDbContext db, Access access, int? need, int? client, Named<OutcomeStage>? stage, int? page, int? pageSize, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            var (p, size) = Paging.Check(page, pageSize, problems);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var query = Visible(db, access);
            if (need is { } n)
            {
                query = query.Where(o => o.NeedId == n);
            }

            if (client is { } c)
            {
                query = query.Where(o => o.ClientId == c);
            }

            if (stage?.Value is { } s)
            {
                query = query.Where(o => o.Stage == s);
            }

            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(o => o.Date).ThenBy(o => o.Id).TakePage(p, size).ToListAsync(ct);
            return TypedResults.Ok(new PagedList<OutcomeResponse>([.. items.Select(OutcomeResponse.From)], p, size, total));
        });

        group.MapGet("/{id:int}", async Task<Results<Ok<OutcomeResponse>, ProblemHttpResult>> (int id, SkillsMatchDbContext db, Access access, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await Visible(db, access).FirstOrDefaultAsync(o => o.Id == id, ct);
            if (outcome is null)
            {
                return NotFound(id);
            }

            Concurrency.SetETag(http, outcome);
            return TypedResults.Ok(OutcomeResponse.From(outcome));
        });

        group.MapPost("/", (OutcomeInput input, OutcomeValidator validator, SkillsMatchDbContext db, Access access, CancellationToken ct) =>
            Create(input, validator, db, access, ct));

        group.MapPut("/{id:int}", async Task<Results<Ok<OutcomeResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, OutcomeInput input, OutcomeValidator validator, SkillsMatchDbContext db, Access access, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await Visible(db, access).AsTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
            if (outcome is null)
            {
                return NotFound(id);
            }

            var problems = new ProblemBuilder();
            problems.Add(await validator.ValidateAsync(input, ct));
            await CheckClientAsync(db, access, input, problems, ct);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            if (Concurrency.Check(http.Request, input.Version, outcome) is { } stale)
            {
                return stale;
            }

            Apply(input, outcome, await RankOfAsync(db, input, ct));
            await db.SaveChangesAsync(ct);
            Concurrency.SetETag(http, outcome);
            return TypedResults.Ok(OutcomeResponse.From(outcome));
        });

        group.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, SkillsMatchDbContext db, Access access, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await Visible(db, access).AsTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
            if (outcome is null)
            {
                return NotFound(id);
            }

            if (http.Request.Headers.IfMatch.Count > 0 && Concurrency.Check(http.Request, null, outcome) is { } stale)
            {
                return stale;
            }

            db.Outcomes.Remove(outcome);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        });

        return group;
    }

    /// <summary>Records an outcome for a client within reach, linked to the row of a served list when named.</summary>
    internal static async Task<Results<Created<OutcomeResponse>, ValidationProblem>> Create(
        OutcomeInput input, OutcomeValidator validator, SkillsMatchDbContext db, Access access, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        problems.Add(await validator.ValidateAsync(input, ct));
        await CheckClientAsync(db, access, input, problems, ct);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var outcome = new Outcome();
        Apply(input, outcome, await RankOfAsync(db, input, ct));
        db.Outcomes.Add(outcome);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/outcomes/{outcome.Id}", OutcomeResponse.From(outcome));
    }

    /// <summary>The outcomes of clients within the caseworker's reach (all, including erased clients', for scope All).</summary>
    private static IQueryable<Outcome> Visible(SkillsMatchDbContext db, Access access)
    {
        var outcomes = db.Outcomes.AsNoTracking();
        if (access.Caseload is null)
        {
            return outcomes;
        }

        var clients = access.CaseloadOf(db.Clients);
        return outcomes.Where(o => clients.Any(c => c.Id == o.ClientId));
    }

    /// <summary>An outcome names a client within the caseworker's reach.</summary>
    private static async Task CheckClientAsync(SkillsMatchDbContext db, Access access, OutcomeInput input, ProblemBuilder problems, CancellationToken ct)
    {
        if (input.ClientId is { } clientId && access.Caseload is not null && await db.Clients.AnyAsync(c => c.Id == clientId, ct)
            && !await access.CaseloadOf(db.Clients).AnyAsync(c => c.Id == clientId, ct))
        {
            problems.Add("clientId", Texts.Pick($"Klient {clientId} gehört nicht zu Ihrem Bestand.", $"Client {clientId} is not within your reach."));
        }
    }

    private static ProblemHttpResult NotFound(int id) => Problems.NotFound(Texts.Pick("Ergebnis", "outcome"), id);

    /// <summary>The rank at proposal: the linked impression's when there is one, else as typed.</summary>
    private static async Task<int?> RankOfAsync(SkillsMatchDbContext db, OutcomeInput input, CancellationToken ct) =>
        input.ImpressionId is { } id
            ? await db.Impressions.AsNoTracking().Where(i => i.Id == id).Select(i => (int?)i.Rank).FirstOrDefaultAsync(ct)
            : input.RankAtProposal;

    internal static void Apply(OutcomeInput input, Outcome outcome, int? rankAtProposal)
    {
        outcome.NeedId = input.NeedId!.Value;
        outcome.ClientId = input.ClientId!.Value;
        outcome.Stage = input.Stage!.Value;
        outcome.Reason = input.Reason;
        outcome.Date = input.Date!.Value;
        outcome.DecidedBy = input.DecidedBy;
        outcome.RankAtProposal = rankAtProposal;
        outcome.ImpressionId = input.ImpressionId;
        outcome.PassOverReason = input.PassOverReason;
    }
}
