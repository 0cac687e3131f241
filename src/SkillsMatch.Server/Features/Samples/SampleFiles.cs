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
        var constructor = typeof(T).GetConstructors().Single();
        var parameters = constructor.GetParameters();
        using var csv = CsvReader.Create(System.IO.File.OpenRead(path), new CsvReaderOptions { TrackLineNumbers = true, AllowLineBreaksInQuotes = true }, leaveOpen: false);
        var rows = new List<CsvLine<T>>();
        int[]? indices = null;
        while (csv.Read())
        {
            indices ??= parameters.Select(p => csv.TryGetFieldIndex(SnakeCase(p.Name!), out var i)
                ? i
                : throw new CsvImportException(file, 1, SnakeCase(p.Name!), "column is missing from the header")).ToArray();
            if (csv.FieldCount != csv.Headers.Count)
            {
                throw new CsvImportException(file, csv.LineNumber, csv.Headers[Math.Min(csv.FieldCount, csv.Headers.Count - 1)],
                    $"the row has {csv.FieldCount} fields, the header {csv.Headers.Count}");
            }

            var values = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var text = csv.GetString(indices[i]) ?? string.Empty;
                values[i] = Parse(text, parameters[i], file, csv.LineNumber);
            }

            rows.Add(new CsvLine<T>((T)constructor.Invoke(values), csv.LineNumber));
        }

        return rows;
    }

    private static PropertyInfo[] Columns<T>()
    {
        // Property order follows the primary constructor's parameter order.
        var parameters = typeof(T).GetConstructors().Single().GetParameters();
        return [.. parameters.Select(p => typeof(T).GetProperty(p.Name!)!)];
    }

    private static object? Parse(string text, ParameterInfo parameter, string file, long line)
    {
        var type = parameter.ParameterType;
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null
            || new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable;
        var target = underlying ?? type;
        if (text.Length == 0)
        {
            if (nullable)
            {
                return null;
            }

            if (target == typeof(string))
            {
                return string.Empty;
            }

            throw new CsvImportException(file, line, SnakeCase(parameter.Name!), "a value is required");
        }

        var invariant = CultureInfo.InvariantCulture;
        object? value = target switch
        {
            _ when target == typeof(string) => text,
            _ when target == typeof(int) => int.TryParse(text, NumberStyles.Integer, invariant, out var i) ? i : null,
            _ when target == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, invariant, out var d) ? d : null,
            _ when target == typeof(double) => double.TryParse(text, NumberStyles.Float, invariant, out var f) ? f : null,
            _ when target == typeof(bool) => bool.TryParse(text, out var b) ? b : null,
            _ when target == typeof(DateOnly) => DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date) ? date : null,
            _ => throw new NotSupportedException($"Column type {target} is not supported."),
        };
        return value ?? throw new CsvImportException(file, line, SnakeCase(parameter.Name!), $"'{text}' is not a valid {Describe(target)}");
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
