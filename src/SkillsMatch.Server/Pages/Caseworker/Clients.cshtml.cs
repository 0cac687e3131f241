using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Clients;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>The caseload: the clients within reach, searched by reference and caseload code, as <c>GET /api/clients</c> lists them.</summary>
public sealed class ClientsModel(SkillsMatchDbContext db, ReferenceData reference, Access access) : PageModel
{
    public const int PageSize = 25;

    /// <summary>A part of the pseudonymous reference.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>The caseload code; the user's own when not given, every reachable one when empty.</summary>
    [BindProperty(SupportsGet = true, Name = "caseload")]
    public string? Caseload { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public PagedList<ClientResponse>? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Request.Query.ContainsKey("caseload"))
        {
            Caseload = access.Caseworker;
        }

        var result = await PageAudit.RecordAsync(HttpContext, AuditAction.List, async () =>
            (await ClientEndpoints.List(db, reference, access, Caseload, null, null, PageNumber, PageSize, Q, ct)).Result);
        switch (result)
        {
            case Ok<PagedList<ClientResponse>> ok:
                Result = ok.Value;
                break;
            case ValidationProblem problem:
                problem.CopyTo(ModelState, field => field == "page" ? string.Empty : "q");
                break;
        }
    }

    public string PageLink(int page) =>
        $"/caseworker/clients?q={Uri.EscapeDataString(Q ?? "")}&caseload={Uri.EscapeDataString(Caseload ?? "")}&p={page}";
}
