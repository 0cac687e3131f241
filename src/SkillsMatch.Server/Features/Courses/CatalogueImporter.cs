using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Intake;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Bulk;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Server.Features.Courses;

/// <summary>
/// One offer of a provider's catalogue, in fields close to the Bundesagentur's course search
/// (Weiterbildungssuche): docs/training.md, "Importing a catalogue". Lists are separated by ';'.
/// Without <c>skills</c>, the skills come from <c>content</c>, read like a need's text.
/// </summary>
public sealed record CatalogueRow(
    string Provider,
    string ProviderCourseId,
    string Title,
    string? Content,
    int DurationWeeks,
    int HoursPerWeek,
    string? Format,
    string StartDates,
    int? SeatsPerCohort,
    decimal CostEuros,
    string? Funding,
    bool Azav,
    string? MunicipalityAgs,
    string? Certificates,
    string Skills = "",
    string LanguagesTaught = "",
    string PrerequisiteCertificates = "",
    string PrerequisiteLanguages = "",
    string? SeriesId = null,
    string? SeriesName = null,
    int? Module = null,
    string RequiresModules = "",
    bool ChildcareCompatible = false);

/// <summary>
/// Imports a provider's catalogue, all or nothing: every row is read and checked first (bad rows
/// named by line and column), then written in one transaction. The key is provider + provider
/// course id: a known offer is updated, an unchanged one left alone, so importing twice is importing once.
/// </summary>
public sealed class CatalogueImporter(SkillsMatchDbContext db, CourseValidator validator, NeedTextParser parser, TimeProvider clock)
{
    public const string File = "catalogue";
    private const int DefaultSeats = 12;
    private const int LevelFromText = 2;

    public async Task<BulkResult> ImportCsvAsync(Stream csv, Func<string, bool> mayPost, CancellationToken ct)
    {
        var errors = new List<CsvImportError>();
        var rows = new List<(CatalogueRow Row, long Line)>();
        try
        {
            foreach (var record in SampleFiles.Stream<CatalogueRow>(csv, File))
            {
                if (record.Errors is { } bad)
                {
                    errors.AddRange(bad);
                }
                else
                {
                    rows.Add((record.Row!, record.Line));
                }
            }
        }
        catch (CsvImportException e)
        {
            errors.AddRange(e.Errors);
        }

        return await ImportAsync(rows, errors, mayPost, ct);
    }

    /// <summary>The JSON form: an array of the same rows; the line is the row's position (1 = first).</summary>
    public Task<BulkResult> ImportJsonAsync(IReadOnlyList<CatalogueRow> rows, Func<string, bool> mayPost, CancellationToken ct) =>
        ImportAsync([.. rows.Select((r, i) => (Complete(r), (long)i + 1))], [], mayPost, ct);

    /// <summary>JSON leaves out what it does not name: absent text is empty text, as in a CSV cell.</summary>
    private static CatalogueRow Complete(CatalogueRow r) => r with
    {
        Provider = r.Provider ?? "",
        ProviderCourseId = r.ProviderCourseId ?? "",
        Title = r.Title ?? "",
        StartDates = r.StartDates ?? "",
        Skills = r.Skills ?? "",
        LanguagesTaught = r.LanguagesTaught ?? "",
        PrerequisiteCertificates = r.PrerequisiteCertificates ?? "",
        PrerequisiteLanguages = r.PrerequisiteLanguages ?? "",
        RequiresModules = r.RequiresModules ?? "",
    };

    private async Task<BulkResult> ImportAsync(List<(CatalogueRow Row, long Line)> rows, List<CsvImportError> errors, Func<string, bool> mayPost, CancellationToken ct)
    {
        var inputs = new List<(CourseInput Input, long Line)>();
        var seen = new HashSet<(string, string)>();
        var invalidLines = new HashSet<long>(errors.Select(e => e.Line));
        foreach (var (row, line) in rows)
        {
            var before = errors.Count;
            void Error(string column, string message) => errors.Add(new CsvImportError(File, line, column, message));
            if (!mayPost(row.Provider.Trim()))
            {
                Error("provider", Texts.Pick("Kurse nur unter dem eigenen Trägernamen importieren.", "Import courses under your own provider name only."));
            }

            if (string.IsNullOrWhiteSpace(row.ProviderCourseId))
            {
                Error("provider_course_id", Texts.Pick("Die Kursnummer des Trägers fehlt.", "The provider's course id is missing."));
            }
            else if (!seen.Add((row.Provider.Trim(), row.ProviderCourseId.Trim())))
            {
                Error("provider_course_id", Texts.Pick($"Kursnummer '{row.ProviderCourseId}' kommt in der Datei mehrfach vor.", $"Course id '{row.ProviderCourseId}' appears more than once in the file."));
            }

            var input = Input(row, Error);
            var result = await validator.ValidateAsync(input, ct);
            foreach (var failure in result.Errors)
            {
                // Contents that name nothing known are reported once, at the contents.
                var column = Column(failure.PropertyName);
                if (column != "skills" || !errors.Skip(before).Any(e => e.Column == "content"))
                {
                    Error(column, failure.ErrorMessage);
                }
            }

            if (errors.Count == before)
            {
                inputs.Add((input, line));
            }
            else
            {
                invalidLines.Add(line);
            }
        }

        if (errors.Count > 0)
        {
            return new BulkResult(File, rows.Count + invalidLines.Count(l => rows.All(r => r.Line != l)), 0, 0, 0, invalidLines.Count, false,
                [.. errors.OrderBy(e => e.Line).Take(BulkImporter.MaxErrors)]);
        }

        long created = 0, updated = 0, unchanged = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var providers = inputs.Select(i => i.Input.Provider!.Trim()).Distinct().ToList();
        var existing = (await db.Courses.Where(c => providers.Contains(c.Provider) && c.ProviderCourseId != null).ToListAsync(ct))
            .ToDictionary(c => (c.Provider, c.ProviderCourseId!));
        foreach (var (input, _) in inputs)
        {
            if (existing.TryGetValue((input.Provider!.Trim(), input.ProviderCourseId!.Trim()), out var course))
            {
                var fresh = new Course { Id = course.Id, Provider = "", Title = "" };
                input.Apply(fresh);
                if (SampleInputs.Row(fresh) == SampleInputs.Row(course))
                {
                    unchanged++;
                    continue;
                }

                input.Apply(course);
                updated++;
            }
            else
            {
                course = new Course { Provider = "", Title = "" };
                input.Apply(course);
                db.Courses.Add(course);
                created++;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new BulkResult(File, rows.Count, created, updated, unchanged, 0, true, []);
    }

    private CourseInput Input(CatalogueRow row, Action<string, string> error)
    {
        // Skills named by id win; otherwise the course contents are read like a need's text.
        var skills = new List<CourseSkillInput>();
        var certificates = Items(row.Certificates ?? "");
        var languages = new List<LanguageInput>();
        foreach (var item in Items(row.Skills))
        {
            var parts = item.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var level))
            {
                error("skills", $"'{item}' does not have the form skill-id:level.");
                continue;
            }

            skills.Add(new CourseSkillInput(parts[0], level));
        }

        if (skills.Count == 0 && !string.IsNullOrWhiteSpace(row.Content))
        {
            var draft = parser.Parse(row.Content.Length > NeedTextParser.MaxLength ? row.Content[..NeedTextParser.MaxLength] : row.Content, clock.Today());
            skills.AddRange(draft.MustHave.Concat(draft.NiceToHave).Distinct().Select(s => new CourseSkillInput(s, LevelFromText)));
            certificates.AddRange(draft.MustCertificates.Concat(draft.NiceCertificates));
            if (skills.Count == 0 && certificates.Count == 0 && Items(row.LanguagesTaught).Count == 0)
            {
                error("content", Texts.Pick("In den Kursinhalten wurde keine Kompetenz erkannt.", "No skill was recognised in the course contents."));
            }
        }

        foreach (var item in Items(row.LanguagesTaught))
        {
            var parts = item.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                error("languages_taught", $"'{item}' does not have the form language:level.");
                continue;
            }

            languages.Add(new LanguageInput(parts[0], parts[1]));
        }

        var cohorts = new List<CohortInput>();
        foreach (var item in Items(row.StartDates))
        {
            if (DateOnly.TryParseExact(item, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                cohorts.Add(new CohortInput(start, row.SeatsPerCohort ?? DefaultSeats, 0));
            }
            else
            {
                error("start_dates", $"'{item}' is not a date (yyyy-MM-dd).");
            }
        }

        var modules = new List<int>();
        foreach (var item in Items(row.RequiresModules))
        {
            if (int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m))
            {
                modules.Add(m);
            }
            else
            {
                error("requires_modules", $"'{item}' is not a whole number.");
            }
        }

        var prerequisiteLanguages = Items(row.PrerequisiteLanguages).Select(i => i.Split(':', StringSplitOptions.TrimEntries)).Select(p => new LanguageInput(p[0], p.Length > 1 ? p[1] : null)).ToList();
        var online = string.Equals(row.Format, "Online", StringComparison.OrdinalIgnoreCase);
        return new CourseInput(
            row.Provider, row.Title, skills, [.. certificates.Distinct(StringComparer.OrdinalIgnoreCase)], languages, [], Items(row.PrerequisiteCertificates), prerequisiteLanguages,
            row.DurationWeeks, row.HoursPerWeek, cohorts, online ? null : row.MunicipalityAgs, online, row.CostEuros, Items(row.Funding ?? ""), row.Azav, null,
            row.ProviderCourseId, row.SeriesId, row.SeriesName, row.Module, modules, row.Format, row.ChildcareCompatible, row.Content);
    }

    /// <summary>The CSV column a validator property stands for ("Skills[0].SkillId" → skills (or content), "Cohorts" → start_dates).</summary>
    private static string Column(string property) => property.Split('[', '.')[0] switch
    {
        "Cohorts" => "start_dates",
        "Remote" => "format",
        "AzavCertified" => "azav",
        "CertificatesAwarded" => "certificates",
        var name => SampleFiles.SnakeCase(name),
    };

    private static List<string> Items(string cell) => SampleInputs.Items(cell);
}
