using Microsoft.AspNetCore.Http.HttpResults;
using SkillsMatch.Engine.Ranking;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Ranking;

public sealed record RankerResponse(string Ranker, ModelCard? Card, string? FallbackReason, ProposalAdherence Proposals);

public static class RankerEndpoints
{
    public static void MapRankerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ranker").WithTags("Ranker").RequireAuthorization(Accounts.Policies.Admin);

        group.MapGet("/", async Task<Ok<RankerResponse>> (RankerStore rankers, SkillsMatchDbContext db, CancellationToken ct) => TypedResults.Ok(await CurrentAsync(rankers, db, ct)));

        group.MapGet("/models", async Task<Ok<IReadOnlyList<ModelCard>>> (RankerStore rankers, CancellationToken ct) => TypedResults.Ok(await rankers.CardsAsync(ct)));
    }

    /// <summary>The ranker in use, its card, why it fell back (if it did), and how proposals followed the ranking.</summary>
    internal static async Task<RankerResponse> CurrentAsync(RankerStore rankers, SkillsMatchDbContext db, CancellationToken ct)
    {
        var active = await rankers.CurrentAsync(ct);
        return new RankerResponse(active.Name, active.Card, active.Problem, await RankerHost.AdherenceAsync(db, ct));
    }
}
