namespace SkillsMatch.Server.Features.Reports;

/// <summary>What a column holds, which decides how it is suppressed and written.</summary>
public enum ColumnKind
{
    /// <summary>A label: region, occupation, course, month.</summary>
    Text,

    /// <summary>A number of clients: subject to statistical suppression (small counts shown as <c>*</c>).</summary>
    ClientCount,

    /// <summary>Any other count (needs, headcount, employers): not personal, never suppressed.</summary>
    Count,

    /// <summary>A ratio or share, derived from counts; suppressed with the client counts it derives from.</summary>
    Ratio,

    Date,
}

/// <summary>A column: a stable key (JSON, CSV header in RFC 4180 mode), a German or English label, and its kind.</summary>
public sealed record ReportColumn(string Key, string Label, ColumnKind Kind)
{
    /// <summary>
    /// For a <see cref="ColumnKind.Ratio"/>: the keys of the client-count columns it is derived
    /// from; the ratio is suppressed where one of them is. Empty: derived from every client count of its row.
    /// </summary>
    public IReadOnlyList<string> DerivedFrom { get; init; } = [];
}

/// <summary>A cell of a table: row and column index.</summary>
public readonly record struct CellRef(int Row, int Column);

/// <summary>
/// A total and the cells it adds up (a row or column group): if exactly one of them were hidden it
/// could be recovered from the others, so secondary suppression hides a second one.
/// </summary>
public sealed record CellGroup(CellRef Total, IReadOnlyList<CellRef> Parts);

/// <summary>
/// One view of a report as a table: the form every report takes before suppression and before it
/// is written as JSON, CSV, xlsx or a chart. Cells are string, int, double, DateOnly or null; a
/// suppressed cell is <see cref="Suppressed"/>.
/// </summary>
public sealed class ReportTable(string name, string title, IReadOnlyList<ReportColumn> columns)
{
    /// <summary>The marker of a suppressed cell (written as <c>*</c>).</summary>
    public static readonly object Suppressed = new SuppressedCell();

    /// <summary>A short name, used as sheet and file name: <c>demand</c>, <c>commission</c>, <c>fairness</c>.</summary>
    public string Name { get; } = name;

    public string Title { get; } = title;

    public IReadOnlyList<ReportColumn> Columns { get; } = columns;

    public List<object?[]> Rows { get; } = [];

    /// <summary>Notes that belong to the table: method, tolerance, what was suppressed.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Totals present in the table with the cells they add up; read by <see cref="Suppression"/>.</summary>
    public List<CellGroup> Groups { get; } = [];

    /// <summary>Notes that <paramref name="totalRow"/> holds, in every client-count column, the total of <paramref name="partRows"/>.</summary>
    public ReportTable AddColumnTotals(int totalRow, IReadOnlyList<int> partRows)
    {
        for (var c = 0; c < Columns.Count; c++)
        {
            if (Columns[c].Kind == ColumnKind.ClientCount)
            {
                Groups.Add(new CellGroup(new CellRef(totalRow, c), [.. partRows.Select(r => new CellRef(r, c))]));
            }
        }

        return this;
    }

    public ReportTable Add(params object?[] row)
    {
        if (row.Length != Columns.Count)
        {
            throw new ArgumentException($"A row of {Name} has {Columns.Count} cells, not {row.Length}.", nameof(row));
        }

        Rows.Add(row);
        return this;
    }

    private sealed class SuppressedCell
    {
        public override string ToString() => "*";
    }
}
