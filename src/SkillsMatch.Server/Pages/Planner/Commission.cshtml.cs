using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Features.Reports;

namespace SkillsMatch.Server.Pages.Planner;

/// <summary>"Zu beauftragen": the commissioning report of <c>GET /api/reports/commission</c> (same checks, same suppression) as a table with download links.</summary>
public sealed class CommissionModel(CommissionReport report, ReferenceData reference, IConfiguration configuration, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    public ReportTable? Table { get; private set; }

    public string ApiQuery { get; private set; } = "";

    /// <summary>The county and its municipal associations, for the region choice.</summary>
    public (IReadOnlyList<(string Code, string Name)> Districts, IReadOnlyList<(string Code, string Name)> Associations) Regions { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Regions = ReportDefaults.Regions(reference);
        if (Request.Query.Count == 0)
        {
            // Pooling ranks every need of the period: one month renders in seconds.
            (From, To) = ReportDefaults.Month(clock.Today());
        }

        var region = string.IsNullOrEmpty(Region) ? null : Region;
        var problems = new ProblemBuilder();
        ReportEndpoints.CheckCommission(region, From, To, reference, problems);
        if (problems.HasErrors)
        {
            ReportDefaults.CopyErrors(problems, ModelState, new() { ["region"] = nameof(Region), ["from"] = nameof(From), ["to"] = nameof(To) });
            return Page();
        }

        Table = await ReportEndpoints.CommissionTableAsync(report, From!.Value, To!.Value, region, configuration, ct);
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("from", From.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("to", To.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (region is not null)
        {
            parameters.Add(new("region", region));
        }

        ApiQuery = QueryString.Create(parameters).ToString();
        return Page();
    }
}
