using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>The open needs, searched by title, as <c>GET /api/needs?status=open&amp;q=…</c> lists them.</summary>
public sealed class NeedsModel(SkillsMatchDbContext db, ReferenceData reference, Access access) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public PagedList<NeedResponse>? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filter = new NeedFilter(new Named<NeedStatus>(NeedStatus.Open), null, null, null, null, null, null, null, Q, PageNumber, PageSize);
        switch ((await NeedEndpoints.List(NeedEndpoints.Visible(db.Needs.AsNoTracking(), access), filter, reference, ct)).Result)
        {
            case Ok<PagedList<NeedResponse>> ok:
                Result = ok.Value;
                break;
            case ValidationProblem problem:
                problem.CopyTo(ModelState, field => field == "q" ? "q" : string.Empty);
                break;
        }
    }

    public string PageLink(int page) => $"/caseworker/needs?q={Uri.EscapeDataString(Q ?? "")}&p={page}";
}
