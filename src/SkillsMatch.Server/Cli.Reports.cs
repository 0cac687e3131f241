using System.CommandLine;
using System.Globalization;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Reports;

namespace SkillsMatch.Server;

public static partial class Cli
{
    /// <summary><c>skillsmatch report demand|commission --from --to [--by] [--format] [--out]</c>: a planner report as a file, progress on standard error.</summary>
    private static Command ReportCommand()
    {
        var name = new Argument<string>("name") { Description = "demand (Bedarf und Angebot), commission (zu beauftragende Qualifizierungen), fairness or decisions." };
        var from = new Option<string>("--from") { Description = "First day of need starts (yyyy-MM-dd).", Required = true };
        var to = new Option<string>("--to") { Description = "Last day of need starts (yyyy-MM-dd), at most 24 months after --from.", Required = true };
        var by = new Option<string?>("--by") { Description = "demand: region level (municipality, verbandsgemeinde, county) and optionally occupation, isco or skill, comma-separated." };
        var period = new Option<string?>("--period") { Description = "demand, decisions: month (default) or quarter." };
        var horizon = new Option<string?>("--horizon") { Description = "demand: short (starts within 3 months) or medium (3–12 months); default the period itself." };
        var region = new Option<string?>("--region") { Description = "commission: a municipality, Verbandsgemeinde or county key." };
        var format = new Option<string>("--format") { Description = "json, csv or xlsx.", DefaultValueFactory = _ => "csv" };
        var dialect = new Option<string?>("--dialect") { Description = "CSV: excel (default: ;, BOM, decimal comma) or rfc4180." };
        var output = new Option<FileInfo?>("--out") { Description = "The file to write; standard output without." };
        var report = new Command("report", "Write a planner report (demand, commission, fairness or decisions) as JSON, CSV or xlsx; small client counts suppressed as in the API.")
        {
            name, from, to, by, period, horizon, region, format, dialect, output,
        };
        report.TreatUnmatchedTokensAsErrors = false;
        report.SetAction(async (parse, ct) =>
        {
            var problems = new ProblemBuilder();
            var first = ParseDate(parse.GetValue(from), "from", problems);
            var last = ParseDate(parse.GetValue(to), "to", problems);
            if (!ReportEndpoints.TryParseFormat(parse.GetValue(format), out var chosen))
            {
                problems.Add("format", "json, csv oder xlsx.");
            }

            if (!ReportEndpoints.TryParseDialect(parse.GetValue(dialect), out var csvDialect))
            {
                problems.Add("dialect", "excel oder rfc4180.");
            }

            var which = parse.GetValue(name)?.ToLowerInvariant();
            DemandQuery? demand = null;
            if (which == "demand")
            {
                demand = DemandQuery.Parse(parse.GetValue(by), parse.GetValue(period), parse.GetValue(horizon), first, last, problems);
            }
            else if (which is "commission" or "fairness" or "decisions")
            {
                DemandQuery.CheckPeriod(first, last, problems);
            }
            else
            {
                problems.Add("name", "demand, commission, fairness oder decisions.");
                DemandQuery.CheckPeriod(first, last, problems);
            }

            if (problems.HasErrors)
            {
                foreach (var (field, messages) in problems.Errors)
                {
                    Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
                }

                return 2;
            }

            await using var host = BuildHost([.. parse.UnmatchedTokens]);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            await MigrateAsync(host, db, ct);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var progress = new StderrProgress();
            Console.Error.WriteLine("Kandidatenindex und Rangfolgen werden aufgebaut (building the index and rankings) …");
            var periodUnit = string.Equals(parse.GetValue(period), "quarter", StringComparison.OrdinalIgnoreCase) ? ReportPeriod.Quarter : ReportPeriod.Month;
            var tables = which switch
            {
                // Fairness and decisions suppress their own small counts (docs/fairness.md).
                "fairness" => (await FairnessReport.BuildAsync(db, scope.ServiceProvider.GetRequiredService<Features.Matching.CandidateIndexHost>(), first!.Value, last!.Value,
                    DateOnly.FromDateTime(host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime), ct)).Raw,
                "decisions" => (await DecisionReport.BuildAsync(db, first!.Value, last!.Value, periodUnit, ct)).Raw,
                _ => demand is not null
                    ? await scope.ServiceProvider.GetRequiredService<DemandReport>().BuildAsync(demand, progress, ct)
                    : [await scope.ServiceProvider.GetRequiredService<CommissionReport>().BuildAsync(first!.Value, last!.Value, parse.GetValue(region), progress, ct)],
            };
            if (which is "demand" or "commission")
            {
                foreach (var table in tables)
                {
                    Suppression.Apply(table, Suppression.MinCount(host.Configuration));
                }
            }

            var file = parse.GetValue(output);
            await using (var stream = file is null ? Console.OpenStandardOutput() : file.Create())
            {
                await ReportWriter.WriteAsync(stream, tables, chosen, csvDialect, ct);
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{tables.Sum(t => t.Rows.Count)} Zeilen in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s{(file is null ? "" : " → " + file.FullName)}."));
            return 0;
        });
        return report;
    }

    private static DateOnly? ParseDate(string? text, string field, ProblemBuilder problems)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add(field, "Datum im Format yyyy-MM-dd (date as yyyy-MM-dd).");
        return null;
    }

    /// <summary>Ranking progress on standard error, one line rewritten in place.</summary>
    private sealed class StderrProgress : IProgress<(int Done, int Total)>
    {
        private readonly Lock _gate = new();
        private int _shown = -1;

        public void Report((int Done, int Total) value)
        {
            lock (_gate)
            {
                if (value.Done <= _shown)
                {
                    return;
                }

                _shown = value.Done;
                Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\rBedarfe gerankt (needs ranked): {value.Done}/{value.Total} ({100.0 * value.Done / Math.Max(1, value.Total):F0} %)"));
                if (value.Done == value.Total)
                {
                    Console.Error.WriteLine();
                }
            }
        }
    }
}
