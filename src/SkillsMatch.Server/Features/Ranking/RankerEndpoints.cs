using Microsoft.AspNetCore.Http.HttpResults;
using SkillsMatch.Engine.Ranking;

namespace SkillsMatch.Server.Features.Ranking;

public sealed record RankerResponse(string Ranker, ModelCard? Card, string? FallbackReason);

public static class RankerEndpoints
{
    public static void MapRankerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ranker").WithTags("Ranker");

        group.MapGet("/", Ok<RankerResponse> (RankerHost host) =>
        {
            var active = host.Active;
            return TypedResults.Ok(new RankerResponse(active.Name, active.Card, active.Problem));
        });

        group.MapGet("/models", Ok<IReadOnlyList<ModelCard>> (RankerHost host) => TypedResults.Ok(host.Registry.Cards()));
    }
}
