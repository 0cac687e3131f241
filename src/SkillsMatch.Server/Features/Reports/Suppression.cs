using System.Globalization;
using SkillsMatch.Server.Api;

namespace SkillsMatch.Server.Features.Reports;

/// <summary>
/// Statistical confidentiality on a <see cref="ReportTable"/>: client counts from 1 to
/// <c>Reports:MinCount</c> (default <see cref="DefaultMinCount"/>) are hidden (primary suppression);
/// then, in every group of cells a total adds up (<see cref="ReportTable.Groups"/>), a group with
/// exactly one hidden cell gets a second one, the smallest visible cell (secondary suppression),
/// until no group changes, so no hidden count is the total minus the visible cells. Ratios derived
/// from a hidden count are hidden too. docs/reports.md describes the method.
/// </summary>
public static class Suppression
{
    public const int DefaultMinCount = 2;

    /// <summary>The configured threshold, at least 1.</summary>
    public static int MinCount(IConfiguration configuration) => Math.Max(1, configuration.GetValue("Reports:MinCount", DefaultMinCount));

    public static bool IsSuppressed(object? cell) => ReferenceEquals(cell, ReportTable.Suppressed);

    /// <summary>Suppresses the table in place and adds a note saying so; returns the number of cells hidden.</summary>
    public static int Apply(ReportTable table, int minCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var hidden = 0;

        // Primary: every small client count.
        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (table.Columns[c].Kind != ColumnKind.ClientCount)
            {
                continue;
            }

            foreach (var row in table.Rows)
            {
                if (Number(row[c]) is { } n && n >= 1 && n <= minCount)
                {
                    row[c] = ReportTable.Suppressed;
                    hidden++;
                }
            }
        }

        var primary = hidden;

        // Secondary: no group may have exactly one hidden cell; each pass hides at least one cell, so it ends.
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var group in table.Groups)
            {
                if (Hidden(table, group.Total) + group.Parts.Sum(p => Hidden(table, p)) != 1)
                {
                    continue;
                }

                // The next smallest visible cell: a non-zero part first (a zero hides nothing), then a zero part, then the total.
                var candidate = group.Parts
                    .Where(p => Number(Cell(table, p)) is not null)
                    .OrderBy(p => Number(Cell(table, p)) == 0 ? 1 : 0)
                    .ThenBy(p => Number(Cell(table, p)))
                    .ThenBy(p => p.Row)
                    .ThenBy(p => p.Column)
                    .Cast<CellRef?>()
                    .FirstOrDefault()
                    ?? (Number(Cell(table, group.Total)) is not null ? group.Total : null);
                if (candidate is { } cell)
                {
                    table.Rows[cell.Row][cell.Column] = ReportTable.Suppressed;
                    hidden++;
                    changed = true;
                }
            }
        }

        // Ratios derived from a hidden count.
        var keys = table.Columns.Select((column, i) => (column.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            if (column.Kind != ColumnKind.Ratio)
            {
                continue;
            }

            var sources = column.DerivedFrom.Count > 0
                ? [.. column.DerivedFrom.Where(keys.ContainsKey).Select(k => keys[k])]
                : table.Columns.Select((col, i) => (col, i)).Where(p => p.col.Kind == ColumnKind.ClientCount).Select(p => p.i).ToArray();
            foreach (var row in table.Rows)
            {
                if (!IsSuppressed(row[c]) && sources.Any(s => IsSuppressed(row[s])))
                {
                    row[c] = ReportTable.Suppressed;
                }
            }
        }

        if (hidden > 0)
        {
            var secondary = hidden - primary;
            table.Notes.Add(Texts.Current == Engine.Taxonomy.Language.English
                ? string.Create(CultureInfo.InvariantCulture, $"Statistical confidentiality: client counts from 1 to {minCount} are shown as * ({primary} cells), plus {secondary} cells secondarily so that none can be recovered from totals; ratios derived from them likewise.")
                : string.Create(CultureInfo.InvariantCulture, $"Statistische Geheimhaltung: Fallzahlen von 1 bis {minCount} sind als * ausgewiesen ({primary} Zellen), dazu {secondary} Zellen sekundär, damit sich keine aus Summen zurückrechnen lässt; davon abgeleitete Quoten ebenfalls."));
        }

        return hidden;
    }

    private static object? Cell(ReportTable table, CellRef cell) => table.Rows[cell.Row][cell.Column];

    private static int Hidden(ReportTable table, CellRef cell) => IsSuppressed(Cell(table, cell)) ? 1 : 0;

    private static long? Number(object? cell) => cell switch
    {
        int i => i,
        long l => l,
        _ => null,
    };
}
