using System.Globalization;
using CsvHelper;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Reference;

/// <summary>A municipality (Gemeinde) by its official key (AGS), with its municipal association and centre.</summary>
public sealed record Municipality(
    string Ags,
    string Name,
    string AssociationCode,
    string Association,
    string DistrictAgs,
    string District,
    string Postcode,
    double Latitude,
    double Longitude,
    int Population);

/// <summary>The municipalities of <c>data/regions/municipalities.csv</c>.</summary>
public sealed class RegionCatalog
{
    private readonly Dictionary<string, Municipality> _byAgs;

    public RegionCatalog(IReadOnlyList<Municipality> municipalities)
    {
        Municipalities = municipalities;
        _byAgs = municipalities.ToDictionary(m => m.Ags, StringComparer.Ordinal);
    }

    public IReadOnlyList<Municipality> Municipalities { get; }

    public Municipality? Find(string ags) => _byAgs.GetValueOrDefault(ags);

    public bool Contains(string ags) => _byAgs.ContainsKey(ags);

    /// <summary>True for a municipality key (8 digits), a municipal association key (9 digits) or a district key (5 digits) in the catalogue.</summary>
    public bool ContainsRegion(string code) => Municipalities.Any(m => m.Ags == code || m.AssociationCode == code || m.DistrictAgs == code);

    /// <summary>The municipalities of a municipality, association or district key.</summary>
    public IEnumerable<Municipality> InRegion(string code) =>
        Municipalities.Where(m => m.Ags == code || m.AssociationCode == code || m.DistrictAgs == code);

    /// <summary>
    /// Municipalities by name, umlauts folded ("Ober-Olm", "ober olm"): the name itself, then names
    /// starting with <paramref name="text"/>, then names with a word starting with it, then the
    /// municipalities of an association (Verbandsgemeinde) whose name matches the same way.
    /// </summary>
    public IReadOnlyList<Municipality> Search(string text, int limit)
    {
        var query = TextNormalizer.Normalize(text);
        if (query.Length == 0 || limit <= 0)
        {
            return [];
        }

        return Municipalities
            .Select(m => (Municipality: m, Rank: NameRank(m.Name, query) is var byName and >= 0 ? byName
                : NameRank(m.Association, query) is var byAssociation and >= 0 ? 3 + byAssociation : -1))
            .Where(r => r.Rank >= 0)
            .OrderBy(r => r.Rank)
            .ThenByDescending(r => r.Municipality.Population)
            .ThenBy(r => r.Municipality.Ags, StringComparer.Ordinal)
            .Take(limit)
            .Select(r => r.Municipality)
            .ToList();
    }

    /// <summary>
    /// A municipality by key (AGS) or by a name that names exactly one: the name itself ("Ingelheim
    /// am Rhein", with or without ", Stadt"), else the one name starting with it ("Ingelheim"). Null
    /// when none or several match.
    /// </summary>
    public Municipality? Resolve(string text)
    {
        if (Find(text.Trim()) is { } byKey)
        {
            return byKey;
        }

        var query = TextNormalizer.Normalize(text);
        if (query.Length == 0)
        {
            return null;
        }

        // A prefix names a place only from three letters on: "G" is no answer to "where?".
        foreach (var rank in query.Length < 3 ? [0] : new[] { 0, 1 })
        {
            var hits = Municipalities.Where(m => NameRank(m.Name, query) == rank).Take(2).ToList();
            if (hits.Count > 0)
            {
                return hits.Count == 1 ? hits[0] : null;
            }
        }

        return null;
    }

    /// <summary>0 the name ("Bingen am Rhein, Stadt" for "bingen am rhein"), 1 a prefix of it, 2 a word of it starts with the query, -1 no match.</summary>
    private static int NameRank(string name, string query)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        var folded = TextNormalizer.Normalize(name);
        if (folded == query || (comma > 0 && TextNormalizer.Normalize(name[..comma]) == query))
        {
            return 0;
        }

        if (folded.StartsWith(query, StringComparison.Ordinal))
        {
            return 1;
        }

        return folded.Contains(" " + query, StringComparison.Ordinal) ? 2 : -1;
    }

    public static RegionCatalog Load(string dataDirectory) =>
        new(CsvFiles.Read(Path.Combine(dataDirectory, "regions", "municipalities.csv"), csv => new Municipality(
            csv.Text("ags"),
            csv.Text("name"),
            csv.Text("association_code"),
            csv.Text("association"),
            csv.Text("district_ags"),
            csv.Text("district"),
            csv.Text("postcode"),
            csv.Number("lat"),
            csv.Number("lon"),
            (int)csv.Number("population"))));

    /// <summary>Derives <c>municipalities.csv</c> from the Destatis-based regional file in <c>../shared/data/regions</c>.</summary>
    public static int BuildFromSource(string sourceCsv, string dataDirectory)
    {
        var rows = CsvFiles.Read(sourceCsv, csv => new Municipality(
            csv.Text("ags"),
            csv.Text("gemeinde"),
            csv.Text("verband_code"),
            csv.Text("verband"),
            csv.Text("kreis_ags"),
            csv.Text("kreis"),
            csv.Text("plz"),
            csv.Number("lat"),
            csv.Number("lon"),
            (int)csv.Number("population")));
        var folder = Path.Combine(dataDirectory, "regions");
        Directory.CreateDirectory(folder);
        using var writer = CsvWriter.Create(File.Create(Path.Combine(folder, "municipalities.csv")), CsvWriterOptions.Default, leaveOpen: false);
        writer.WriteHeader(["ags", "name", "association_code", "association", "district_ags", "district", "postcode", "lat", "lon", "population"]);
        foreach (var m in rows.OrderBy(r => r.Ags, StringComparer.Ordinal))
        {
            writer.WriteRecord([
                m.Ags, m.Name, m.AssociationCode, m.Association, m.DistrictAgs, m.District, m.Postcode,
                m.Latitude.ToString(CultureInfo.InvariantCulture), m.Longitude.ToString(CultureInfo.InvariantCulture),
                m.Population.ToString(CultureInfo.InvariantCulture)]);
        }

        return rows.Count;
    }
}
