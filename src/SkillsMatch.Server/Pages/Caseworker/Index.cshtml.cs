using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>The caseworker's start page: how many clients in their own caseload, how many open needs.</summary>
public sealed class IndexModel(SkillsMatchDbContext db, Access access) : PageModel
{
    public int OwnClients { get; private set; }

    public int OpenNeeds { get; private set; }

    public string? Caseload => access.Caseworker;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Counts only: no client is named, so nothing to audit.
        var own = access.Caseworker;
        OwnClients = await access.CaseloadOf(db.Clients.AsNoTracking()).CountAsync(c => c.Caseworker == own, ct);
        OpenNeeds = await NeedEndpoints.Visible(db.Needs.AsNoTracking(), access).CountAsync(n => n.Status == NeedStatus.Open, ct);
    }
}
