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

    /// <summary>
    /// Suppresses in place; returns the number of rows touched and adds a note when any. With
    /// <paramref name="groupKey"/>, rows sharing that column's value are one group whose shares add
    /// up to 1: a group with exactly one suppressed row gets its next smallest row suppressed too
    /// (secondary suppression), so the hidden row cannot be recovered as 1 minus the others.
    /// </summary>
    public static int Suppress(ReportTable table, string? groupKey, params string[] derivedKeys)
    {
        var touched = 0;
        var hidden = new HashSet<object?[]>(ReferenceEqualityComparer.Instance);
        foreach (var row in table.Rows)
        {
            var small = false;
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (table.Columns[i].Kind == ColumnKind.ClientCount && row[i] is int count && count is >= 1 and <= MaxSuppressed)
                {
                    small = true;
                }
            }

            if (small)
            {
                Hide(table, row, derivedKeys);
                hidden.Add(row);
                touched++;
            }
        }

        if (groupKey is not null && table.Columns.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Key == groupKey) is { c: not null } group)
        {
            var counts = table.Columns.Select((c, i) => (c, i)).Where(x => x.c.Kind == ColumnKind.ClientCount).Select(x => x.i).ToList();
            foreach (var rows in table.Rows.GroupBy(r => r[group.i]))
            {
                if (rows.Count(hidden.Contains) == 1 && rows.Where(r => !hidden.Contains(r))
                        .OrderBy(r => counts.Sum(i => r[i] is int n ? n : 0)).FirstOrDefault() is { } next)
                {
                    Hide(table, next, derivedKeys);
                    hidden.Add(next);
                    touched++;
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

    private static void Hide(ReportTable table, object?[] row, string[] derivedKeys)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (table.Columns[i].Kind is ColumnKind.ClientCount or ColumnKind.Ratio || derivedKeys.Contains(table.Columns[i].Key, StringComparer.Ordinal))
            {
                row[i] = ReportTable.Suppressed;
            }
        }
    }
}
