using Microsoft.AspNetCore.Http.HttpResults;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Matching;

namespace SkillsMatch.Server.Features.Reports;

/// <summary>The fairness and decision reports: aggregates only, for planners and admins.</summary>
public static class FairnessReportEndpoints
{
    /// <summary>The longest period one report covers.</summary>
    public const int MaxDays = 3 * 366;

    public static void MapFairnessReportEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Reports);

        group.MapGet("/fairness", async Task<Results<Ok<FairnessReportResponse>, PushStreamHttpResult, ValidationProblem>> (
            HttpContext http, DateOnly? from, DateOnly? to, string? format, string? dialect, SkillsMatchDbContext db, CandidateIndexHost host, TimeProvider clock, CancellationToken ct) =>
        {
            var today = clock.Today();
            var formats = new ProblemBuilder();
            var output = ReportEndpoints.Negotiate(http, format, dialect, formats);
            if (formats.HasErrors)
            {
                return formats.ToProblem();
            }

            if (CheckPeriod(from, to, today, out var start, out var end) is { } problem)
            {
                return problem;
            }

            var report = await FairnessReport.BuildAsync(db, host, start, end, today, ct);
            return output.Format == ReportFormat.Json
                ? TypedResults.Ok(report)
                : ReportEndpoints.Write(report.Raw, output.Format, output.Dialect, $"fairness-{start:yyyyMMdd}-{end:yyyyMMdd}", http.RequestAborted);
        }).WithSummary("Exposure in the top 10, proposals and hires by gender, age band, citizenship and severe disability against the qualified pool; from and to are dates, both inclusive (default: the last 12 months).");

        group.MapGet("/decisions", async Task<Results<Ok<DecisionReportResponse>, PushStreamHttpResult, ValidationProblem>> (
            HttpContext http, DateOnly? from, DateOnly? to, Named<ReportPeriod>? period, string? format, string? dialect, SkillsMatchDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var today = clock.Today();
            var formats = new ProblemBuilder();
            var output = ReportEndpoints.Negotiate(http, format, dialect, formats);
            if (formats.HasErrors)
            {
                return formats.ToProblem();
            }

            if (CheckPeriod(from, to, today, out var start, out var end) is { } problem)
            {
                return problem;
            }

            var report = await DecisionReport.BuildAsync(db, start, end, period?.Value ?? ReportPeriod.Month, ct);
            return output.Format == ReportFormat.Json
                ? TypedResults.Ok(report)
                : ReportEndpoints.Write(report.Raw, output.Format, output.Dialect, $"entscheidungen-{start:yyyyMMdd}-{end:yyyyMMdd}", http.RequestAborted);
        }).WithSummary("Per month or quarter: proposals inside and outside the ranking's top 10, the pass-over reasons recorded, agreement between model and caseworkers, hires.");
    }

    private static readonly DateOnly Earliest = new(2000, 1, 1), Latest = new(2099, 12, 31);

    /// <summary>The period of a fairness or decision report: both dates optional (default: the last 12 months up to today), in order, at most <see cref="MaxDays"/> days.</summary>
    internal static ValidationProblem? CheckPeriod(DateOnly? from, DateOnly? to, DateOnly today, out DateOnly start, out DateOnly end)
    {
        var problems = new ProblemBuilder();
        foreach (var (name, date) in new[] { ("from", from), ("to", to) })
        {
            if (date is { } d && (d < Earliest || d > Latest))
            {
                problems.Add(name, Texts.Pick($"{name} liegt zwischen {Earliest:yyyy-MM-dd} und {Latest:yyyy-MM-dd}.", $"{name} is between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}."));
            }
        }

        if (problems.HasErrors)
        {
            start = end = default;
            return problems.ToProblem();
        }

        end = to ?? today;
        start = from ?? end.AddMonths(-12).AddDays(1);

        if (start > end)
        {
            problems.Add("from", Texts.Pick("from liegt nach to.", "from is after to."));
        }
        else if (end.DayNumber - start.DayNumber > MaxDays)
        {
            problems.Add("to", Texts.Pick($"Ein Bericht umfasst höchstens {MaxDays} Tage.", $"A report covers at most {MaxDays} days."));
        }

        return problems.HasErrors ? problems.ToProblem() : null;
    }
}
