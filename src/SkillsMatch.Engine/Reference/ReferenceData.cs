using SkillsMatch.Engine.Intake;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Reference;

/// <summary>Everything the program reads from <c>data/</c>: taxonomy, curated vocabulary and regions.</summary>
public sealed class ReferenceData
{
    public required SkillTaxonomy Taxonomy { get; init; }
    public required Vocabulary Vocabulary { get; init; }
    public required RegionCatalog Regions { get; init; }

    /// <summary>Everyday phrases resolved to skills, certificates, languages and occupations.</summary>
    public TermSearch Terms => field ??= new TermSearch(this);

    /// <summary>The folder the data were loaded from.</summary>
    public required string DataDirectory { get; init; }

    public static ReferenceData Load(string dataDirectory)
    {
        if (!Directory.Exists(dataDirectory))
        {
            throw new DirectoryNotFoundException($"Reference data folder '{dataDirectory}' does not exist.");
        }

        var vocabulary = Vocabulary.Load(dataDirectory);
        return new ReferenceData
        {
            Vocabulary = vocabulary,
            Taxonomy = SkillTaxonomy.Load(dataDirectory, vocabulary.Synonyms),
            Regions = RegionCatalog.Load(dataDirectory),
            DataDirectory = dataDirectory,
        };
    }

    /// <summary>The <c>data/</c> folder next to the program, or in a parent folder when run from the source tree.</summary>
    public static string LocateDataDirectory(string? configured = null)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "esco", TaxonomyFiles.SkillsFile);
                if (File.Exists(candidate))
                {
                    return Path.Combine(dir.FullName, "data");
                }
            }
        }

        throw new DirectoryNotFoundException("No data/ folder with esco/skills.tsv.gz was found next to the program or above the current directory; set SkillsMatch:ReferenceDataPath.");
    }
}
