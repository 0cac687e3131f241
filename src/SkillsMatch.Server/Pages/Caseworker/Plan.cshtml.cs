using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Matching;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>A printable plan for the client in plain language: the best needs, the courses towards them, the support services.</summary>
public sealed class PlanModel(SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, Access access, TimeProvider clock) : PageModel
{
    public const int Top = 5;

    public ClientFile Data { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await ClientFile.LoadAsync(HttpContext, id, Top, db, host, reference, access, clock, ct) is not { } file)
        {
            return NotFound();
        }

        Data = file;
        Today = clock.Today();
        return Page();
    }
}
