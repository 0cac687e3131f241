using System.IO.Compression;
using System.Text;

namespace SkillsMatch.Engine.Taxonomy;

/// <summary>
/// The compact derived form of ESCO shipped in <c>data/esco/</c>: two gzipped tab-separated
/// files whose cross references are row indices, so loading needs no id lookups.
/// </summary>
internal static class TaxonomyFiles
{
    public const string SkillsFile = "skills.tsv.gz";
    public const string OccupationsFile = "occupations.tsv.gz";
    public const char ListSeparator = '|';

    public static IEnumerable<string[]> ReadRows(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        _ = reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            yield return line.Split('\t');
        }
    }

    public static void WriteRows(string path, string header, IEnumerable<string> rows)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine(header);
        foreach (var row in rows)
        {
            writer.WriteLine(row);
        }
    }

    public static string[] SplitList(string cell) =>
        cell.Length == 0 ? [] : cell.Split(ListSeparator);

    public static int[] SplitIndices(string cell)
    {
        if (cell.Length == 0)
        {
            return [];
        }

        var parts = cell.Split(' ');
        var result = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            result[i] = int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }
}
