using Microsoft.AspNetCore.Http.HttpResults;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Features.Reports;

/// <summary>The planner reports: <c>/api/reports/demand</c> and <c>/api/reports/commission</c>, as JSON, CSV or xlsx.</summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Reports);

        group.MapGet("/demand", async Task<Results<PushStreamHttpResult, ValidationProblem>> (
            HttpContext http, string? by, string? period, string? horizon, DateOnly? from, DateOnly? to, string? format, string? dialect,
            DemandReport report, IConfiguration configuration, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            var output = Negotiate(http, format, dialect, problems);
            var query = DemandQuery.Parse(by, period, horizon, from, to, problems);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var tables = await DemandTablesAsync(report, query!, configuration, ct);
            return Write(tables, output.Format, output.Dialect, $"bedarf-{query!.From:yyyyMMdd}-{query.To:yyyyMMdd}", http.RequestAborted);
        }).WithSummary("Demand and supply per region (and occupation, ISCO group or skill) and month or quarter: headcount, clients ready now and with training, shortage indicators; small client counts suppressed. JSON, CSV (German Excel or RFC 4180) or xlsx.");

        group.MapGet("/demand/chart", async Task<Results<FileContentHttpResult, ValidationProblem>> (
            string? by, string? period, string? horizon, DateOnly? from, DateOnly? to, string? format,
            DemandReport report, IConfiguration configuration, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            var png = string.Equals(format, "png", StringComparison.OrdinalIgnoreCase);
            if (format is not null && !png && !string.Equals(format, "svg", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add("format", Texts.Pick("Format: svg oder png.", "Format: svg or png."));
            }

            var query = DemandQuery.Parse(by, period, horizon, from, to, problems);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var table = (await DemandTablesAsync(report, query!, configuration, ct))[0];
            return TypedResults.File(ShortageChart.Draw(table, query!, png), png ? "image/png" : "image/svg+xml", $"engpaesse-{query!.From:yyyyMMdd}-{query.To:yyyyMMdd}.{(png ? "png" : "svg")}");
        }).WithSummary("The ten largest shortages of the demand report (open headcount beside clients ready now) as an SVG or PNG chart, German labels; suppressed counts get no bar.");

        group.MapGet("/commission", async Task<Results<PushStreamHttpResult, ValidationProblem>> (
            HttpContext http, string? region, DateOnly? from, DateOnly? to, string? format, string? dialect,
            CommissionReport report, ReferenceData reference, IConfiguration configuration, CancellationToken ct) =>
        {
            var problems = new ProblemBuilder();
            var output = Negotiate(http, format, dialect, problems);
            CheckCommission(region, from, to, reference, problems);
            if (problems.HasErrors)
            {
                return problems.ToProblem();
            }

            var table = await CommissionTableAsync(report, from!.Value, to!.Value, region, configuration, ct);
            return Write([table], output.Format, output.Dialect, $"qualifizierung-{from:yyyyMMdd}-{to:yyyyMMdd}", http.RequestAborted);
        }).WithSummary("Courses to buy as group runs and requirements no course teaches, with clients, needs, employers and forum rounds concerned by name; small client counts suppressed.");
    }

    /// <summary>The demand report's tables (demand, training demand), suppressed, as <c>/api/reports/demand</c>, its chart and the web pages show them.</summary>
    internal static async Task<IReadOnlyList<ReportTable>> DemandTablesAsync(DemandReport report, DemandQuery query, IConfiguration configuration, CancellationToken ct)
    {
        var tables = await report.BuildAsync(query, null, ct);
        foreach (var table in tables)
        {
            Suppression.Apply(table, Suppression.MinCount(configuration));
        }

        return tables;
    }

    /// <summary>The parameters of the commissioning report: a known region (optional) and a period.</summary>
    internal static void CheckCommission(string? region, DateOnly? from, DateOnly? to, ReferenceData reference, ProblemBuilder problems)
    {
        if (region is not null && !reference.Regions.ContainsRegion(region))
        {
            problems.Add("region", Texts.Pick("Region unbekannt.", "Region unknown."));
        }

        DemandQuery.CheckPeriod(from, to, problems);
    }

    /// <summary>The commissioning report, suppressed, as <c>/api/reports/commission</c> and the web pages show it.</summary>
    internal static async Task<ReportTable> CommissionTableAsync(CommissionReport report, DateOnly from, DateOnly to, string? region, IConfiguration configuration, CancellationToken ct)
    {
        var table = await report.BuildAsync(from, to, region, null, ct);
        Suppression.Apply(table, Suppression.MinCount(configuration));
        return table;
    }

    /// <summary>
    /// The format: <c>?format=json|csv|xlsx</c>, else the Accept header (<c>text/csv</c>, the xlsx
    /// media type), else JSON; the CSV dialect: <c>?dialect=rfc4180</c>, else German Excel.
    /// </summary>
    public static (ReportFormat Format, CsvDialect Dialect) Negotiate(HttpContext http, string? format, string? dialect, ProblemBuilder problems)
    {
        var chosen = ReportFormat.Json;
        if (format is not null)
        {
            if (!TryParseFormat(format, out chosen))
            {
                problems.Add("format", Texts.Pick("Format: json, csv oder xlsx.", "Format: json, csv or xlsx."));
            }
        }
        else
        {
            var accept = http.Request.Headers.Accept.ToString();
            if (accept.Contains(ReportWriter.XlsxType, StringComparison.OrdinalIgnoreCase))
            {
                chosen = ReportFormat.Xlsx;
            }
            else if (accept.Contains(ReportWriter.CsvType, StringComparison.OrdinalIgnoreCase))
            {
                chosen = ReportFormat.Csv;
            }
        }

        var csv = CsvDialect.GermanExcel;
        if (!TryParseDialect(dialect, out csv))
        {
            problems.Add("dialect", Texts.Pick("CSV-Dialekt: excel (Standard: Semikolon, Dezimalkomma) oder rfc4180.", "CSV dialect: excel (default: semicolon, decimal comma) or rfc4180."));
        }

        return (chosen, csv);
    }

    public static bool TryParseFormat(string? text, out ReportFormat format)
    {
        (var ok, format) = text?.ToLowerInvariant() switch
        {
            "json" => (true, ReportFormat.Json),
            "csv" => (true, ReportFormat.Csv),
            "xlsx" or "excel" => (true, ReportFormat.Xlsx),
            _ => (false, ReportFormat.Json),
        };
        return ok;
    }

    public static bool TryParseDialect(string? text, out CsvDialect dialect)
    {
        (var ok, dialect) = text?.ToLowerInvariant() switch
        {
            null or "" or "excel" or "de" or "german" => (true, CsvDialect.GermanExcel),
            "rfc4180" or "rfc" => (true, CsvDialect.Rfc4180),
            _ => (false, CsvDialect.GermanExcel),
        };
        return ok;
    }

    internal static PushStreamHttpResult Write(IReadOnlyList<ReportTable> tables, ReportFormat format, CsvDialect dialect, string name, CancellationToken ct) =>
        TypedResults.Stream(
            body => ReportWriter.WriteAsync(body, tables, format, dialect, ct),
            ReportWriter.ContentType(format),
            format == ReportFormat.Json ? null : $"{name}.{ReportWriter.Extension(format)}");
}
