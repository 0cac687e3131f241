using SkillsMatch.Server.Api;

namespace SkillsMatch.Server.Features.Reports;

/// <summary>A report table as JSON: its columns, its rows keyed by column key (suppressed cells as <c>*</c>), its notes.</summary>
public sealed record ReportTableJson(string Name, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// A minimal JSON form of a <see cref="ReportTable"/> for the fairness and decision reports.
    /// To be replaced by the shared report writer (issue 12) once it is merged: the tables are
    /// already <see cref="ReportTable"/>s, so only this call changes.
    /// </summary>
    public static ReportTableJson From(ReportTable table) => new(
        table.Name,
        table.Title,
        table.Columns,
        [.. table.Rows.Select(row => (IReadOnlyDictionary<string, object?>)table.Columns
            .Select((column, i) => (column.Key, Value: Cell(row[i])))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal))],
        [.. table.Notes]);

    private static object? Cell(object? value) => value switch
    {
        _ when ReferenceEquals(value, ReportTable.Suppressed) => "*",
        double d when double.IsNaN(d) || double.IsInfinity(d) => null,
        double d => Math.Round(d, 4),
        _ => value,
    };
}

/// <summary>
/// Primary suppression of small client counts for the fairness report: a client count from 1 to
/// <see cref="MaxSuppressed"/> becomes <c>*</c>, with every ratio of its row and the row's listed
/// derived cells. To be replaced by the shared Suppression (issue 12, with secondary suppression)
/// once it is merged.
/// </summary>
internal static class SmallCounts
{
    public const int MaxSuppressed = 2;

    /// <summary>Suppresses in place; returns the number of rows touched and adds a note when any.</summary>
    public static int Suppress(ReportTable table, params string[] derivedKeys)
    {
        var touched = 0;
        foreach (var row in table.Rows)
        {
            var small = false;
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (table.Columns[i].Kind == ColumnKind.ClientCount && row[i] is int count && count is >= 1 and <= MaxSuppressed)
                {
                    row[i] = ReportTable.Suppressed;
                    small = true;
                }
            }

            if (!small)
            {
                continue;
            }

            touched++;
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (table.Columns[i].Kind == ColumnKind.Ratio || derivedKeys.Contains(table.Columns[i].Key, StringComparer.Ordinal))
                {
                    row[i] = ReportTable.Suppressed;
                }
            }
        }

        if (touched > 0)
        {
            table.Notes.Add(Texts.Pick(
                $"Fallzahlen von 1 bis {MaxSuppressed} Personen und die daraus abgeleiteten Anteile sind mit * unterdrückt ({touched} Zeilen).",
                $"Counts of 1 to {MaxSuppressed} clients and the shares derived from them are suppressed as * ({touched} rows)."));
        }

        return touched;
    }
}
