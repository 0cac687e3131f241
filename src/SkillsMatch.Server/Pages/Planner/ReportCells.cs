using System.Globalization;
using SkillsMatch.Server.Features.Reports;

namespace SkillsMatch.Server.Pages.Planner;

/// <summary>A report cell as the web pages show it: numbers and dates in the page's language, a suppressed cell as <c>*</c> (as the API writes it).</summary>
public static class ReportCells
{
    public static string Text(object? cell) => cell switch
    {
        null => "–",
        int i => i.ToString("N0", CultureInfo.CurrentCulture),
        long l => l.ToString("N0", CultureInfo.CurrentCulture),
        double d => Math.Round(d, 3).ToString("0.###", CultureInfo.CurrentCulture),
        DateOnly date => date.ToString(CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "en" ? "yyyy-MM-dd" : "dd.MM.yyyy", CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    public static bool IsNumeric(ReportColumn column) => column.Kind is ColumnKind.ClientCount or ColumnKind.Count or ColumnKind.Ratio;

    public static bool HasSuppressed(ReportTable table) => table.Rows.Any(r => r.Any(Suppression.IsSuppressed));
}
