using System.Globalization;
using CsvHelper;

namespace SkillsMatch.Engine.Reference;

/// <summary>Reads the small reference CSV files of <c>data/</c> by column name.</summary>
internal static class CsvFiles
{
    public static List<T> Read<T>(string path, Func<CsvReader, T> map)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, map).ToList();
    }

    public static IEnumerable<T> Read<T>(Stream stream, Func<CsvReader, T> map)
    {
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { TrimWhitespace = true }, leaveOpen: true);
        while (csv.Read())
        {
            yield return map(csv);
        }
    }

    public static string Text(this CsvReader csv, string column) => csv.GetString(column) ?? string.Empty;

    public static double Number(this CsvReader csv, string column) =>
        double.Parse(csv.Text(column), NumberStyles.Float, CultureInfo.InvariantCulture);
}
