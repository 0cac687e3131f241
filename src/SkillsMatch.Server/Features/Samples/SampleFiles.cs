using System.Globalization;
using System.Reflection;
using System.Text;
using CsvHelper;

namespace SkillsMatch.Server.Features.Samples;

/// <summary>One bad CSV cell: file, line and column.</summary>
public sealed record CsvImportError(string File, long Line, string Column, string Message)
{
    public override string ToString() => $"{File}, line {Line}, column '{Column}': {Message}";
}

/// <summary>A CSV import that was refused; lists every bad cell found (up to a limit). Nothing was imported.</summary>
public sealed class CsvImportException(IReadOnlyList<CsvImportError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public CsvImportException(string file, long line, string column, string message)
        : this([new CsvImportError(file, line, column, message)])
    {
    }

    public IReadOnlyList<CsvImportError> Errors { get; } = errors;
}

/// <summary>A row read from CSV with the line it starts on.</summary>
public readonly record struct CsvLine<T>(T Row, long Line);

/// <summary>A row read from CSV: its value, or the bad cells that kept it from having one.</summary>
public readonly record struct CsvRecord<T>(T? Row, long Line, IReadOnlyList<CsvImportError>? Errors);

/// <summary>Reads and writes the CSV files of <c>samples/</c>, one record type per file, columns in snake_case.</summary>
public static class SampleFiles
{
    public const string Employers = "employers.csv";
    public const string ForumRounds = "forum_rounds.csv";
    public const string Needs = "needs.csv";
    public const string Comments = "need_comments.csv";
    public const string Clients = "clients.csv";
    public const string Courses = "courses.csv";
    public const string Outcomes = "outcomes.csv";
    public const string Impressions = "impressions.csv";

    public static void Write(SampleSet set, string folder)
    {
        Directory.CreateDirectory(folder);
        Write(Path.Combine(folder, Employers), set.Employers);
        Write(Path.Combine(folder, ForumRounds), set.ForumRounds);
        Write(Path.Combine(folder, Needs), set.Needs);
        Write(Path.Combine(folder, Comments), set.Comments);
        Write(Path.Combine(folder, Clients), set.Clients);
        Write(Path.Combine(folder, Courses), set.Courses);
        Write(Path.Combine(folder, Outcomes), set.Outcomes);
        Write(Path.Combine(folder, Impressions), set.Impressions);
    }

    /// <summary>The <c>samples/</c> folder: configured, or next to the program, or above the working directory.</summary>
    public static string Locate(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "samples", Employers)))
                {
                    return Path.Combine(dir.FullName, "samples");
                }
            }
        }

        throw new DirectoryNotFoundException("No samples/ folder with employers.csv was found; set Storage:SamplesDirectory.");
    }

    public static void Write<T>(string path, IEnumerable<T> rows)
    {
        var properties = Columns<T>();
        using var writer = CsvWriter.Create(System.IO.File.Create(path), CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: false);
        writer.WriteHeader([.. properties.Select(p => SnakeCase(p.Name))]);
        foreach (var row in rows)
        {
            writer.WriteRecord([.. properties.Select(p => Format(p.GetValue(row)))]);
        }
    }

    public static List<CsvLine<T>> Read<T>(string path)
    {
        var file = Path.GetFileName(path);
        using var stream = System.IO.File.OpenRead(path);
        var rows = new List<CsvLine<T>>();
        foreach (var record in Stream<T>(stream, file))
        {
            if (record.Errors is { Count: > 0 } errors)
            {
                throw new CsvImportException(errors);
            }

            rows.Add(new CsvLine<T>(record.Row!, record.Line));
        }

        return rows;
    }

    /// <summary>
    /// Reads rows one at a time. A row with bad cells comes back without a value and with every bad
    /// cell named; a header that lacks a column refuses the whole file. <paramref name="unescape"/>
    /// undoes the formula-injection escape of an export (a leading <c>'</c> before =, +, -, @, tab or CR).
    /// </summary>
    public static IEnumerable<CsvRecord<T>> Stream<T>(Stream stream, string file, bool unescape = false)
    {
        var constructor = typeof(T).GetConstructors().Single();
        var parameters = constructor.GetParameters();
        var nullable = parameters.Select(IsNullable).ToArray();
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { TrackLineNumbers = true, AllowLineBreaksInQuotes = true }, leaveOpen: true);
        int[]? indices = null;
        while (csv.Read())
        {
            // A column added later (one with a default, such as nice_to_have_certificates) may be
            // missing from older files: -1, and the default.
            indices ??= parameters.Select(p => csv.TryGetFieldIndex(SnakeCase(p.Name!), out var i)
                ? i
                : p.HasDefaultValue ? -1
                : throw new CsvImportException(file, 1, SnakeCase(p.Name!), "column is missing from the header")).ToArray();
            if (csv.FieldCount != csv.Headers.Count)
            {
                yield return new CsvRecord<T>(default, csv.LineNumber, [new CsvImportError(file, csv.LineNumber, csv.Headers[Math.Min(csv.FieldCount, csv.Headers.Count - 1)],
                    $"the row has {csv.FieldCount} fields, the header {csv.Headers.Count}")]);
                continue;
            }

            var values = new object?[parameters.Length];
            List<CsvImportError>? errors = null;
            for (var i = 0; i < parameters.Length; i++)
            {
                if (indices[i] < 0)
                {
                    values[i] = parameters[i].DefaultValue;
                    continue;
                }

                var text = csv.GetString(indices[i]) ?? string.Empty;
                if (unescape)
                {
                    text = Unescape(text);
                }

                if (TryParse(text, parameters[i].ParameterType, nullable[i], out var value, out var problem))
                {
                    values[i] = value;
                }
                else
                {
                    (errors ??= []).Add(new CsvImportError(file, csv.LineNumber, SnakeCase(parameters[i].Name!), problem!));
                }
            }

            yield return errors is null
                ? new CsvRecord<T>((T)constructor.Invoke(values), csv.LineNumber, null)
                : new CsvRecord<T>(default, csv.LineNumber, errors);
        }
    }

    /// <summary>The CSV header of a row type: its constructor's parameters in snake_case.</summary>
    public static string[] Header<T>() => [.. Columns<T>().Select(p => SnakeCase(p.Name))];

    /// <summary>The cells of one row, formatted as in the sample files.</summary>
    public static string[] Cells<T>(T row) => [.. Columns<T>().Select(p => Format(p.GetValue(row)))];

    /// <summary>The characters that make a spreadsheet read a cell as a formula.</summary>
    public static bool NeedsEscape(string cell) => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Neutralises spreadsheet formula injection with a leading <c>'</c>.</summary>
    public static string Escape(string cell) => NeedsEscape(cell) ? "'" + cell : cell;

    public static string Unescape(string cell) => cell.Length > 1 && cell[0] == '\'' && NeedsEscape(cell[1..]) ? cell[1..] : cell;

    /// <summary>Property order follows the primary constructor's parameter order; looked up once per row type.</summary>
    private static PropertyInfo[] Columns<T>() => ColumnsOf<T>.Properties;

    private static class ColumnsOf<T>
    {
        public static readonly PropertyInfo[] Properties =
            [.. typeof(T).GetConstructors().Single().GetParameters().Select(p => typeof(T).GetProperty(p.Name!)!)];
    }

    private static bool IsNullable(ParameterInfo parameter) =>
        Nullable.GetUnderlyingType(parameter.ParameterType) is not null
        || new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;

    private static bool TryParse(string text, Type type, bool nullable, out object? value, out string? problem)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        problem = null;
        if (text.Length == 0)
        {
            value = nullable ? null : target == typeof(string) ? string.Empty : null;
            if (value is null && !nullable)
            {
                problem = "a value is required";
                return false;
            }

            return true;
        }

        var invariant = CultureInfo.InvariantCulture;
        value = target switch
        {
            _ when target == typeof(string) => text,
            _ when target == typeof(int) => int.TryParse(text, NumberStyles.Integer, invariant, out var i) ? i : null,
            _ when target == typeof(long) => long.TryParse(text, NumberStyles.Integer, invariant, out var l) ? l : null,
            _ when target == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, invariant, out var d) ? d : null,
            _ when target == typeof(double) => double.TryParse(text, NumberStyles.Float, invariant, out var f) ? f : null,
            _ when target == typeof(bool) => bool.TryParse(text, out var b) ? b : null,
            _ when target == typeof(DateOnly) => DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date) ? date : null,
            _ => throw new NotSupportedException($"Column type {target} is not supported."),
        };
        if (value is null)
        {
            problem = $"'{text}' is not a valid {Describe(target)}";
            return false;
        }

        return true;
    }

    private static string Describe(Type type) =>
        type == typeof(DateOnly) ? "date (yyyy-MM-dd)"
        : type == typeof(bool) ? "boolean (true/false)"
        : type == typeof(int) ? "whole number"
        : "number";

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
