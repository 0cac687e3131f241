using System.Globalization;
using System.Text.Json;
using CsvHelper;
using MiniExcelLibs;
using SkillsMatch.Server.Api;

namespace SkillsMatch.Server.Features.Reports;

/// <summary>The file formats a report is written in.</summary>
public enum ReportFormat
{
    Json,
    Csv,
    Xlsx,
}

/// <summary>
/// CSV dialects: German Excel (<c>;</c>, UTF-8 byte order mark, decimal comma, German dates, the
/// column labels as header) or RFC 4180 (<c>,</c>, no byte order mark, invariant numbers, ISO dates,
/// the column keys as header).
/// </summary>
public enum CsvDialect
{
    GermanExcel,
    Rfc4180,
}

/// <summary>
/// Writes report tables as JSON, CSV (CsvHelper) or an xlsx workbook (MiniExcel, one sheet per
/// table). Suppressed cells are written as <c>*</c>. In CSV and xlsx every text cell that a
/// spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or
/// carriage return) gets a leading <c>'</c>.
/// </summary>
public static class ReportWriter
{
    public const string CsvType = "text/csv";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string JsonType = "application/json";

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly char[] InjectionStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>A text cell made safe for a spreadsheet: a leading <c>'</c> before a formula start.</summary>
    public static string Neutralise(string text) => text.Length > 0 && InjectionStarts.Contains(text[0]) ? "'" + text : text;

    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Csv => CsvType + "; charset=utf-8",
        ReportFormat.Xlsx => XlsxType,
        _ => JsonType + "; charset=utf-8",
    };

    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Csv => "csv",
        ReportFormat.Xlsx => "xlsx",
        _ => "json",
    };

    public static async Task WriteAsync(Stream output, IReadOnlyList<ReportTable> tables, ReportFormat format, CsvDialect dialect, CancellationToken ct)
    {
        switch (format)
        {
            case ReportFormat.Csv:
                await WriteCsvAsync(output, tables, dialect, ct);
                break;
            case ReportFormat.Xlsx:
                await WriteXlsxAsync(output, tables, ct);
                break;
            default:
                await WriteJsonAsync(output, tables, ct);
                break;
        }
    }

    /// <summary><c>{"tables":[{"name","title","columns":[{key,label,kind}],"rows":[{key: value}],"notes":[]}]}</c>; suppressed cells are <c>"*"</c>.</summary>
    public static async Task WriteJsonAsync(Stream output, IReadOnlyList<ReportTable> tables, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteStartArray("tables");
        foreach (var table in tables)
        {
            json.WriteStartObject();
            json.WriteString("name", table.Name);
            json.WriteString("title", table.Title);
            json.WriteStartArray("columns");
            foreach (var column in table.Columns)
            {
                json.WriteStartObject();
                json.WriteString("key", column.Key);
                json.WriteString("label", column.Label);
                json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(column.Kind.ToString()));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                for (var c = 0; c < row.Length; c++)
                {
                    json.WritePropertyName(table.Columns[c].Key);
                    switch (row[c])
                    {
                        case null:
                            json.WriteNullValue();
                            break;
                        case int i:
                            json.WriteNumberValue(i);
                            break;
                        case long l:
                            json.WriteNumberValue(l);
                            break;
                        case double d:
                            json.WriteNumberValue(Math.Round(d, 3));
                            break;
                        case DateOnly date:
                            json.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                            break;
                        default:
                            json.WriteStringValue(row[c]!.ToString());
                            break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var note in table.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    /// <summary>The tables one after another, a blank line between them; the notes as a last column-less line each after their table.</summary>
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<ReportTable> tables, CsvDialect dialect, CancellationToken ct)
    {
        var german = dialect == CsvDialect.GermanExcel;
        var options = CsvWriterOptions.Default with
        {
            Separator = german ? ';' : ',',
            WriteByteOrderMark = german,
            FormatProvider = german ? German : CultureInfo.InvariantCulture,

            // Text cells are neutralised here, as in xlsx; numbers (a negative change) stay numbers.
            Injection = CsvInjection.None,
            ValidateFieldCount = false,
        };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            if (t > 0)
            {
                csv.WriteRecord("");
            }

            csv.WriteHeader([.. table.Columns.Select(c => Neutralise(german ? c.Label : c.Key))]);
            foreach (var row in table.Rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(Text(cell, german ? German : CultureInfo.InvariantCulture, german));
                }

                await csv.EndRecordAsync(ct);
            }
        }

        await csv.FlushAsync(ct);
    }

    /// <summary>One sheet per table (its name, at most 31 characters), the labels as header, and a sheet of notes when there are any.</summary>
    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<ReportTable> tables, CancellationToken ct)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var rows = table.Rows.Select(row =>
            {
                var record = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var c = 0; c < row.Length; c++)
                {
                    record[table.Columns[c].Label] = row[c] switch
                    {
                        null => null,
                        int i => i,
                        long l => l,
                        double d => Math.Round(d, 3),
                        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
                        var other => Neutralise(other.ToString() ?? ""),
                    };
                }

                return record;
            }).ToList();
            sheets[SheetName(table.Name, sheets)] = rows;
        }

        var notes = tables.SelectMany(t => t.Notes.Select(n => new Dictionary<string, object?> { [Texts.Pick("Tabelle", "Table")] = t.Name, [Texts.Pick("Hinweis", "Note")] = Neutralise(n) })).ToList();
        if (notes.Count > 0)
        {
            sheets[SheetName(Texts.Pick("Hinweise", "Notes"), sheets)] = notes;
        }

        // MiniExcel writes synchronously to a seekable stream; the response body is not one.
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: ct);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private static string SheetName(string name, Dictionary<string, object> taken)
    {
        var clean = new string([.. name.Where(ch => ch is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]);
        clean = clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Tabelle" : clean;
        var candidate = clean;
        for (var i = 2; taken.ContainsKey(candidate); i++)
        {
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            candidate = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return candidate;
    }

    /// <summary>A cell as CSV text: numbers and dates in the dialect's culture; text neutralised.</summary>
    private static string? Text(object? cell, CultureInfo culture, bool german) => cell switch
    {
        null => null,
        int i => i.ToString(culture),
        long l => l.ToString(culture),
        double d => Math.Round(d, 3).ToString("0.###", culture),
        DateOnly date => date.ToString(german ? "dd.MM.yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Neutralise(cell.ToString() ?? ""),
    };
}
