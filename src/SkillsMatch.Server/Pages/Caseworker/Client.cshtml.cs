using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Matching;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>A client's profile and "Passende Bedarfe": the ranked open needs with fit, explanation, training plan and referrals.</summary>
public sealed class ClientModel(SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, Access access, TimeProvider clock) : PageModel
{
    public const int Top = 10;

    public ClientFile Data { get; private set; } = null!;

    public ReferenceData Reference => reference;

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await ClientFile.LoadAsync(HttpContext, id, Top, db, host, reference, access, clock, ct) is not { } file)
        {
            return NotFound();
        }

        Data = file;
        return Page();
    }
}
