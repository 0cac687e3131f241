using Microsoft.AspNetCore.Http.HttpResults;
using SkillsMatch.Engine.Ranking;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Ranking;

public sealed record RankerResponse(string Ranker, ModelCard? Card, string? FallbackReason, ProposalAdherence Proposals);

public static class RankerEndpoints
{
    public static void MapRankerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ranker").WithTags("Ranker");

        group.MapGet("/", async Task<Ok<RankerResponse>> (RankerHost host, SkillsMatchDbContext db, CancellationToken ct) =>
        {
            var active = host.Active;
            return TypedResults.Ok(new RankerResponse(active.Name, active.Card, active.Problem, await RankerHost.AdherenceAsync(db, ct)));
        });

        group.MapGet("/models", Ok<IReadOnlyList<ModelCard>> (RankerHost host) => TypedResults.Ok(host.Registry.Cards()));
    }
}
