using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Employer;

/// <summary>"Meine Bedarfe": the organisation's needs, as GET /api/needs lists them for an employer.</summary>
public sealed class NeedsModel(SkillsMatchDbContext db, ReferenceData reference, Access access) : PageModel
{
    public PagedList<NeedResponse> Needs { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public IReadOnlyDictionary<int, string> Rounds { get; private set; } = new Dictionary<int, string>();

    public int LastPage => Math.Max(1, (Needs.Total + Needs.PageSize - 1) / Needs.PageSize);

    public async Task OnGetAsync(int? page, CancellationToken ct)
    {
        var filter = new NeedFilter(null, null, null, null, null, null, null, null, null, page is >= 1 ? page : 1, Paging.DefaultPageSize);
        if ((await NeedEndpoints.List(NeedEndpoints.Visible(db.Needs.AsNoTracking(), access), filter, reference, ct)).Result is Ok<PagedList<NeedResponse>> ok)
        {
            Needs = ok.Value!;
        }

        var roundIds = Needs.Items.Select(n => n.ForumRoundId).OfType<int>().Distinct().ToList();
        Rounds = await db.ForumRounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Title, ct);
    }
}
