using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Reference;

public enum CertificateKind
{
    Certificate,
    Licence,
}

/// <summary>A certificate or licence an employer can require (forklift licence, driving licence class CE, …).</summary>
public sealed record Certificate(string Code, string LabelDe, string LabelEn, CertificateKind Kind, string? SkillId)
{
    public string Label(Language language) => language == Language.German ? LabelDe : LabelEn;
}

/// <summary>A language a client speaks or a need requires, by ISO 639-1 code.</summary>
public sealed record LanguageInfo(string Code, string LabelDe, string LabelEn);

/// <summary>A local service a caseworker refers a client to for a placement barrier; no municipality means county-wide.</summary>
public sealed record SupportService(string Barrier, string NameDe, string NameEn, string Provider, string? MunicipalityAgs, string Contact, bool Verified);

/// <summary>An economic sector of local employers.</summary>
public sealed record SectorInfo(string Code, string LabelDe, string LabelEn);

/// <summary>A placement barrier code (Vermittlungshemmnis).</summary>
public sealed record BarrierInfo(string Code, string LabelDe, string LabelEn);

public enum SynonymTarget
{
    Skill,
    Occupation,
    Certificate,
    Language,
}

/// <summary>An everyday German word of employers and caseworkers mapped to a taxonomy concept.</summary>
public sealed record Synonym(string Term, SynonymTarget Target, string TargetId);

/// <summary>The curated lists in <c>data/vocabulary/</c>.</summary>
public sealed class Vocabulary
{
    public required IReadOnlyList<Certificate> Certificates { get; init; }
    public required IReadOnlyList<LanguageInfo> Languages { get; init; }
    public required IReadOnlyList<BarrierInfo> Barriers { get; init; }
    public required IReadOnlyList<Synonym> Synonyms { get; init; }
    public required IReadOnlyList<SectorInfo> Sectors { get; init; }
    public required IReadOnlyList<SupportService> SupportServices { get; init; }

    public SectorInfo? FindSector(string code) => Sectors.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A sector by code or by a German or English name that names exactly one: the label itself,
    /// or the one label starting with it or with a word starting with it ("Weinbau" → wine_agriculture,
    /// "Pflege" → health_care). Null when none or several match.
    /// </summary>
    public SectorInfo? ResolveSector(string text)
    {
        if (FindSector(text.Trim()) is { } byCode)
        {
            return byCode;
        }

        var query = TextNormalizer.Normalize(text);
        if (query.Length < 3)
        {
            return null;
        }

        foreach (var rank in new[] { 0, 1, 2 })
        {
            var hits = Sectors.Where(s => SectorRank(s, query) == rank).Take(2).ToList();
            if (hits.Count > 0)
            {
                return hits.Count == 1 ? hits[0] : null;
            }
        }

        return null;
    }

    /// <summary>Sectors whose code or name matches <paramref name="text"/> best, or the first ones when none does.</summary>
    public IReadOnlyList<SectorInfo> SuggestSectors(string text, int limit)
    {
        var query = TextNormalizer.Normalize(text);
        return [.. Sectors.OrderBy(s => query.Length == 0 ? 9 : SectorRank(s, query)).Take(limit)];
    }

    /// <summary>0 code or label, 1 a label starts with the query, 2 a word of a label does, 3 a label contains it, 9 no match.</summary>
    private static int SectorRank(SectorInfo sector, string query)
    {
        var labels = new[] { TextNormalizer.Normalize(sector.LabelDe), TextNormalizer.Normalize(sector.LabelEn) };
        if (TextNormalizer.Normalize(sector.Code) == query || labels.Contains(query))
        {
            return 0;
        }

        if (labels.Any(l => l.StartsWith(query, StringComparison.Ordinal)))
        {
            return 1;
        }

        if (labels.Any(l => l.Contains(" " + query, StringComparison.Ordinal)))
        {
            return 2;
        }

        return labels.Any(l => l.Contains(query, StringComparison.Ordinal)) ? 3 : 9;
    }

    public Certificate? FindCertificate(string code) => Certificates.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    public LanguageInfo? FindLanguage(string code) => Languages.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase));

    public BarrierInfo? FindBarrier(string code) => Barriers.FirstOrDefault(b => string.Equals(b.Code, code, StringComparison.OrdinalIgnoreCase));

    public static Vocabulary Load(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "vocabulary");
        return new Vocabulary
        {
            Certificates = CsvFiles.Read(Path.Combine(folder, "certificates.csv"), csv => new Certificate(
                csv.Text("code"),
                csv.Text("label_de"),
                csv.Text("label_en"),
                csv.Text("kind") == "licence" ? CertificateKind.Licence : CertificateKind.Certificate,
                csv.Text("skill_id") is { Length: > 0 } skill ? skill : null)),
            Languages = CsvFiles.Read(Path.Combine(folder, "languages.csv"), csv => new LanguageInfo(csv.Text("code"), csv.Text("label_de"), csv.Text("label_en"))),
            SupportServices = CsvFiles.Read(Path.Combine(folder, "support_services.csv"), csv => new SupportService(
                csv.Text("barrier"),
                csv.Text("name_de"),
                csv.Text("name_en"),
                csv.Text("provider"),
                csv.Text("municipality_ags") is { Length: > 0 } ags ? ags : null,
                csv.Text("contact"),
                csv.Text("verified") == "true")),
            Sectors = CsvFiles.Read(Path.Combine(folder, "sectors.csv"), csv => new SectorInfo(csv.Text("code"), csv.Text("label_de"), csv.Text("label_en"))),
            Barriers = CsvFiles.Read(Path.Combine(folder, "barriers.csv"), csv => new BarrierInfo(csv.Text("code"), csv.Text("label_de"), csv.Text("label_en"))),
            Synonyms = CsvFiles.Read(Path.Combine(folder, "synonyms.de.csv"), csv => new Synonym(
                csv.Text("term"),
                Enum.Parse<SynonymTarget>(csv.Text("target_kind"), ignoreCase: true),
                csv.Text("target_id"))),
        };
    }
}
