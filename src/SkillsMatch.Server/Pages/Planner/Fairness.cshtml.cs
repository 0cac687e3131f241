using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Reports;

namespace SkillsMatch.Server.Pages.Planner;

/// <summary>The fairness report of <c>GET /api/reports/fairness</c> (same period rules): exposure, proposals and hires by group against the qualified pool.</summary>
public sealed class FairnessModel(SkillsMatchDbContext db, CandidateIndexHost host, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public FairnessReportResponse? Report { get; private set; }

    public string ApiQuery { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        if (Request.Query.Count == 0)
        {
            // The last three months: every list shown then is re-ranked down to the qualified pool, so a short period renders in seconds.
            (From, To) = (today.AddMonths(-3).AddDays(1), today);
        }

        if (FairnessReportEndpoints.CheckPeriod(From, To, today, out var start, out var end) is { } problem)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = nameof(From), ["to"] = nameof(To) };
            problem.CopyTo(ModelState, fields);

            return Page();
        }

        (From, To) = (start, end);
        Report = await FairnessReport.BuildAsync(db, host, start, end, today, ct);
        ApiQuery = QueryString.Create(new List<KeyValuePair<string, string?>>
        {
            new("from", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("to", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        }).ToString();
        return Page();
    }
}
