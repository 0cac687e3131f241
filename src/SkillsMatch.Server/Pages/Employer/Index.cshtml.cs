using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Employer;

/// <summary>The employer's start page: whose account it is and how many of the organisation's needs are open.</summary>
public sealed class IndexModel(SkillsMatchDbContext db, Access access) : PageModel
{
    public string? EmployerName { get; private set; }

    public int Open { get; private set; }

    public int Drafts { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        EmployerName = await db.Employers.AsNoTracking().Where(e => e.Id == access.EmployerId).Select(e => e.Name).FirstOrDefaultAsync(ct);
        var own = NeedEndpoints.Visible(db.Needs.AsNoTracking(), access);
        Open = await own.CountAsync(n => n.Status == NeedStatus.Open, ct);
        Drafts = await own.CountAsync(n => n.Status == NeedStatus.Draft, ct);
    }
}
