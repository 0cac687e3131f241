using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Features.Reports;

namespace SkillsMatch.Server.Pages.Planner;

/// <summary>"Bedarf und Angebot": the demand report of <c>GET /api/reports/demand</c> (same parsing, same suppression) as tables, its chart and download links.</summary>
public sealed class DemandModel(DemandReport report, IConfiguration configuration, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Region level: county, verbandsgemeinde, municipality.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; } = "county";

    /// <summary>Second grouping: none, occupation, isco, skill.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; } = "none";

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; } = "month";

    [BindProperty(SupportsGet = true)]
    public string? Horizon { get; set; } = "period";

    public IReadOnlyList<ReportTable> Tables { get; private set; } = [];

    public (string Label, double Open, double? Ready)[] Bars { get; private set; } = [];

    /// <summary>The report's parameters as the API takes them, for the download and chart links.</summary>
    public string ApiQuery { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Request.Query.Count == 0)
        {
            // The current month: the report ranks the needs of the period and the one before, so a month renders in seconds.
            (From, To) = ReportDefaults.Month(clock.Today());
        }

        var by = Group is "none" or "" ? Level : $"{Level},{Group}";
        var problems = new ProblemBuilder();
        var query = DemandQuery.Parse(by, Period, Horizon, From, To, problems);
        if (problems.HasErrors)
        {
            ReportDefaults.CopyErrors(problems, ModelState, new() { ["by"] = nameof(Level), ["period"] = nameof(Period), ["horizon"] = nameof(Horizon), ["from"] = nameof(From), ["to"] = nameof(To) });
            return Page();
        }

        Tables = await ReportEndpoints.DemandTablesAsync(report, query!, configuration, ct);
        Bars = ShortageChart.Bars(Tables[0]);
        ApiQuery = QueryString.Create(new List<KeyValuePair<string, string?>>
        {
            new("by", by), new("period", Period), new("horizon", Horizon),
            new("from", query!.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("to", query.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        }).ToString();
        return Page();
    }
}
