using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Reports;

namespace SkillsMatch.Server.Pages.Planner;

/// <summary>The decision report of <c>GET /api/reports/decisions</c> (same period rules): proposals inside and outside the ranking's top 10, pass-over reasons, hires.</summary>
public sealed class DecisionsModel(SkillsMatchDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public DecisionReportResponse? Report { get; private set; }

    public string ApiQuery { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var period = ReportPeriod.Month;
        if (!string.IsNullOrEmpty(Period))
        {
            if (Named<ReportPeriod>.TryParse(Period, null, out var parsed))
            {
                period = parsed.Value;
            }
            else
            {
                ModelState.AddModelError(nameof(Period), Texts.Pick("Zeiteinheit: Monat oder Quartal.", "Period: month or quarter."));
                return Page();
            }
        }

        if (FairnessReportEndpoints.CheckPeriod(From, To, clock.Today(), out var start, out var end) is { } problem)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = nameof(From), ["to"] = nameof(To) };
            problem.CopyTo(ModelState, fields);

            return Page();
        }

        (From, To) = (start, end);
        Report = await DecisionReport.BuildAsync(db, start, end, period, ct);
        ApiQuery = QueryString.Create(new List<KeyValuePair<string, string?>>
        {
            new("from", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("to", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("period", period.ToString().ToLowerInvariant()),
        }).ToString();
        return Page();
    }
}
