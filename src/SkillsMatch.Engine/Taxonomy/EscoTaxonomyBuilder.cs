using System.Globalization;
using System.IO.Compression;
using CsvHelper;

namespace SkillsMatch.Engine.Taxonomy;

/// <summary>
/// Derives the compact taxonomy files in <c>data/esco/</c> from the official ESCO v1.1.1 CSV
/// downloads (English classification and relations zips) and the German label files.
/// </summary>
public static class EscoTaxonomyBuilder
{
    private const string SkillUri = "http://data.europa.eu/esco/skill/";
    private const string OccupationUri = "http://data.europa.eu/esco/occupation/";
    private const string ConceptUri = "http://data.europa.eu/esco/";

    public sealed record Summary(int Skills, int Groups, int Occupations, int OccupationSkillRelations, int SkillSkillRelations);

    /// <param name="escoDirectory">Folder holding <c>v1.1.1/*.zip</c> and <c>de/*.csv</c>.</param>
    /// <param name="outputDirectory">Folder the two <c>.tsv.gz</c> files are written to.</param>
    public static Summary Build(string escoDirectory, string outputDirectory)
    {
        var classification = Path.Combine(escoDirectory, "v1.1.1", "esco-v1.1.1-classification-en-csv.zip");
        var relations = Path.Combine(escoDirectory, "v1.1.1", "esco-v1.1.1-relations-csv.zip");

        var concepts = new List<ConceptRow>();
        foreach (var row in ReadZipCsv(classification, "skills_en.csv"))
        {
            concepts.Add(new ConceptRow(
                ShortId(row["conceptUri"]),
                row["skillType"] == "knowledge" ? SkillKind.Knowledge : SkillKind.Skill,
                ParseReuse(row["reuseLevel"]),
                row["preferredLabel"],
                Lines(row["altLabels"])));
        }

        var groupsDe = ReadCsv(Path.Combine(escoDirectory, "de", "skillGroups_de.csv"))
            .ToDictionary(r => ShortId(r["conceptUri"]), r => (Label: r["preferredLabel"], Alt: Lines(r["altLabels"])));
        foreach (var row in ReadZipCsv(classification, "skillGroups_en.csv"))
        {
            concepts.Add(new ConceptRow(ShortId(row["conceptUri"]), SkillKind.Group, ReuseLevel.None, row["preferredLabel"], Lines(row["altLabels"])));
        }

        var skillsDe = ReadCsv(Path.Combine(escoDirectory, "de", "skills_de_labels.csv"))
            .ToDictionary(r => ShortId(r["conceptUri"]), r => (Label: r["preferredLabel"], Alt: Lines(r["altLabels"])));
        var index = new Dictionary<string, int>(concepts.Count);
        for (var i = 0; i < concepts.Count; i++)
        {
            index[concepts[i].Id] = i;
        }

        var broader = concepts.Select(_ => new List<int>()).ToArray();
        foreach (var row in ReadZipCsv(relations, "broaderRelationsSkillPillar.csv"))
        {
            if (index.TryGetValue(ShortId(row["conceptUri"]), out var child) && index.TryGetValue(ShortId(row["broaderUri"]), out var parent))
            {
                broader[child].Add(parent);
            }
        }

        var essential = concepts.Select(_ => new List<int>()).ToArray();
        var optional = concepts.Select(_ => new List<int>()).ToArray();
        var skillRelations = 0;
        foreach (var row in ReadZipCsv(relations, "skillSkillRelations.csv"))
        {
            if (index.TryGetValue(ShortId(row["originalSkillUri"]), out var from) && index.TryGetValue(ShortId(row["relatedSkillUri"]), out var to))
            {
                (row["relationType"] == "essential" ? essential : optional)[from].Add(to);
                skillRelations++;
            }
        }

        Directory.CreateDirectory(outputDirectory);
        TaxonomyFiles.WriteRows(
            Path.Combine(outputDirectory, TaxonomyFiles.SkillsFile),
            "id\tkind\treuse\tlabel_en\tlabel_de\talt_en\talt_de\tbroader\trelated_essential\trelated_optional",
            concepts.Select((c, i) =>
            {
                var de = c.Kind == SkillKind.Group
                    ? groupsDe.GetValueOrDefault(c.Id)
                    : skillsDe.GetValueOrDefault(c.Id);
                return string.Join('\t',
                    c.Id,
                    c.Kind.ToString(),
                    c.Reuse.ToString(),
                    Clean(c.Label),
                    Clean(de.Label ?? string.Empty),
                    JoinList(c.AltLabels, c.Label),
                    JoinList(de.Alt ?? [], de.Label ?? string.Empty),
                    JoinIndices(broader[i]),
                    JoinIndices(essential[i]),
                    JoinIndices(optional[i]));
            }));

        var occupations = ReadZipCsv(classification, "occupations_en.csv").ToList();
        var occupationIndex = occupations.Select((o, i) => (Id: ShortId(o["conceptUri"]), i)).ToDictionary(p => p.Id, p => p.i);
        var occEssential = occupations.Select(_ => new List<int>()).ToArray();
        var occOptional = occupations.Select(_ => new List<int>()).ToArray();
        var occRelations = 0;
        foreach (var row in ReadZipCsv(relations, "occupationSkillRelations.csv"))
        {
            if (occupationIndex.TryGetValue(ShortId(row["occupationUri"]), out var occ) && index.TryGetValue(ShortId(row["skillUri"]), out var skill))
            {
                (row["relationType"] == "essential" ? occEssential : occOptional)[occ].Add(skill);
                occRelations++;
            }
        }

        // Occupations' hidden labels (common misspellings and colloquial titles such as "Friseuse", "Klempnermeister")
        // are search terms too; they join the alternative labels, which are only searched, never shown.
        var occupationsDe = ReadCsv(Path.Combine(escoDirectory, "de", "occupations_de_labels.csv"))
            .ToDictionary(r => ShortId(r["conceptUri"]), r => (Label: r["preferredLabel"], Alt: Lines(r["altLabels"]).Concat(Lines(r["hiddenLabels"])).ToArray()));
        TaxonomyFiles.WriteRows(
            Path.Combine(outputDirectory, TaxonomyFiles.OccupationsFile),
            "id\tisco\tcode\tlabel_en\tlabel_de\talt_en\talt_de\tessential\toptional",
            occupations.Select((o, i) =>
            {
                var id = ShortId(o["conceptUri"]);
                var de = occupationsDe.GetValueOrDefault(id);
                // German preferred labels name both forms ("Lagerist/Lageristin"); each form is searchable on its own.
                var deAlt = (de.Alt ?? []).Concat((de.Label ?? string.Empty).Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
                return string.Join('\t',
                    id,
                    o["iscoGroup"],
                    o["code"],
                    Clean(o["preferredLabel"]),
                    Clean(de.Label ?? string.Empty),
                    JoinList(Lines(o["altLabels"]).Concat(Lines(o["hiddenLabels"])), o["preferredLabel"]),
                    JoinList(deAlt, de.Label ?? string.Empty),
                    JoinIndices(occEssential[i]),
                    JoinIndices(occOptional[i]));
            }));

        return new Summary(
            concepts.Count(c => c.Kind != SkillKind.Group),
            concepts.Count(c => c.Kind == SkillKind.Group),
            occupations.Count,
            occRelations,
            skillRelations);
    }

    private sealed record ConceptRow(string Id, SkillKind Kind, ReuseLevel Reuse, string Label, string[] AltLabels);

    private static ReuseLevel ParseReuse(string value) => value switch
    {
        "transversal" => ReuseLevel.Transversal,
        "cross-sector" => ReuseLevel.CrossSector,
        "sector-specific" => ReuseLevel.SectorSpecific,
        "occupation-specific" => ReuseLevel.OccupationSpecific,
        _ => ReuseLevel.None,
    };

    /// <summary>Skills and occupations keep their ESCO UUID; skill groups keep their path ("isced-f/0011", "skill/S1.2").</summary>
    private static string ShortId(string uri) =>
        uri.StartsWith(SkillUri, StringComparison.Ordinal) ? uri[SkillUri.Length..]
        : uri.StartsWith(OccupationUri, StringComparison.Ordinal) ? uri[OccupationUri.Length..]
        : uri.StartsWith(ConceptUri, StringComparison.Ordinal) ? uri[ConceptUri.Length..]
        : uri;

    private static string[] Lines(string cell) =>
        cell.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Clean(string value) =>
        value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ').Replace(TaxonomyFiles.ListSeparator, '/').Trim();

    private static string JoinList(IEnumerable<string> values, string preferred) =>
        string.Join(TaxonomyFiles.ListSeparator, values.Select(Clean).Where(v => v.Length > 0 && v != preferred).Distinct(StringComparer.Ordinal));

    private static string JoinIndices(List<int> values) =>
        string.Join(' ', values.Distinct().Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static IEnumerable<Dictionary<string, string>> ReadZipCsv(string zipPath, string entryName)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var entry = zip.GetEntry(entryName) ?? throw new FileNotFoundException($"{entryName} is missing from {zipPath}");
        using var stream = entry.Open();
        foreach (var row in ReadCsv(stream))
        {
            yield return row;
        }
    }

    private static IEnumerable<Dictionary<string, string>> ReadCsv(string path)
    {
        using var stream = File.OpenRead(path);
        foreach (var row in ReadCsv(stream))
        {
            yield return row;
        }
    }

    private static IEnumerable<Dictionary<string, string>> ReadCsv(Stream stream)
    {
        // ESCO cells hold several values on separate lines inside quotes.
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { AllowLineBreaksInQuotes = true }, leaveOpen: true);
        while (csv.Read())
        {
            var header = csv.Headers;
            var row = new Dictionary<string, string>(header.Count, StringComparer.Ordinal);
            for (var i = 0; i < header.Count && i < csv.FieldCount; i++)
            {
                row[header[i]] = csv.GetString(i) ?? string.Empty;
            }

            yield return row;
        }
    }
}
