using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Engine.Ranking;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Pages.Admin;

/// <summary>The ranker in use and the model cards with the promotion gate's three results, as <c>/api/ranker</c> and <c>/api/ranker/models</c> give them.</summary>
public sealed class ModelsModel(RankerStore rankers, SkillsMatchDbContext db) : PageModel
{
    public RankerResponse Current { get; private set; } = null!;

    public IReadOnlyList<ModelCard> Cards { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = await RankerEndpoints.CurrentAsync(rankers, db, ct);
        Cards = await rankers.CardsAsync(ct);
    }
}
