using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Training;

namespace SkillsMatch.Server.Pages.Provider;

/// <summary>
/// Demand for the provider's courses: the training demand of <c>GET /api/training/cohorts</c> (same checks,
/// same suppression for providers) over a region and period, the provider's own group courses first.
/// </summary>
public sealed class DemandModel(SkillsMatchDbContext db, CandidateIndexHost host, ReferenceData reference, Access access, IConfiguration configuration, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public PoolingReportView? Report { get; private set; }

    public IReadOnlyList<GroupCourseView> Own { get; private set; } = [];

    public (IReadOnlyList<(string Code, string Name)> Districts, IReadOnlyList<(string Code, string Name)> Associations) Regions { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Regions = Planner.ReportDefaults.Regions(reference);
        if (Request.Query.Count == 0)
        {
            // Pooling ranks every need starting in the period: the current month renders in seconds.
            (From, To) = Planner.ReportDefaults.Month(clock.Today());
            Region = await Planner.ReportDefaults.HomeDistrictAsync(db, reference, ct);
        }

        var result = await TrainingEndpoints.RegionCohortsAsync(Region, From, To, db, host, reference, access, configuration, clock, ct);
        switch (result.Result)
        {
            case Ok<PoolingReportView> ok:
                Report = ok.Value;
                Own = [.. Report!.GroupCourses.Where(g => access.Provider is { Length: > 0 } && access.OwnsProvider(g.Provider))];
                break;
            case ValidationProblem problem:
                var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["region"] = nameof(Region), ["from"] = nameof(From), ["to"] = nameof(To) };
                problem.CopyTo(ModelState, fields);

                break;
        }

        return Page();
    }

    public static string Kind(Engine.Training.GapKind kind) => kind switch
    {
        Engine.Training.GapKind.Certificate => Texts.Pick("Zertifikat", "Certificate"),
        Engine.Training.GapKind.Language => Texts.Pick("Sprache", "Language"),
        _ => Texts.Pick("Kompetenz", "Skill"),
    };
}
