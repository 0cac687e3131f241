using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Courses;

namespace SkillsMatch.Server.Pages.Provider;

/// <summary>The provider's own courses with their cohorts: <c>GET /api/courses?provider=…</c> with the account's provider, kept to the courses it owns.</summary>
public sealed class CoursesModel(SkillsMatchDbContext db, ReferenceData reference, Access access, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? PageNumber { get; set; }

    public PagedList<CourseResponse>? Courses { get; private set; }

    public string? Provider => access.Provider;

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = clock.Today();
        if (access.Provider is not { Length: > 0 } provider)
        {
            return Page();
        }

        var result = await CourseEndpoints.ListAsync(db, reference, provider, null, PageNumber, null, ct);
        switch (result.Result)
        {
            case Ok<PagedList<CourseResponse>> ok:
                // The API's provider filter matches a part of the name; a provider's page shows only the courses it owns.
                var own = ok.Value!.Items.Where(c => access.OwnsProvider(c.Provider)).ToList();
                Courses = ok.Value with { Items = own };
                break;
            case ValidationProblem problem:
                problem.CopyTo(ModelState, field => field == "page" ? nameof(PageNumber) : "");

                break;
        }

        return Page();
    }
}
