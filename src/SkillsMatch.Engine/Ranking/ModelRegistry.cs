using System.Text.Json;
using SkillsMatch.Engine.Matching;

namespace SkillsMatch.Engine.Ranking;

/// <summary>What a model is, how good it is and what it is for; kept beside every model file.</summary>
public sealed record ModelCard(
    string Version,
    DateTimeOffset TrainedAt,
    int FeatureSchema,
    IReadOnlyList<string> Features,
    int TrainingExamples,
    int TrainingNeeds,
    int HeldOutNeeds,
    double TrainingSeconds,
    DateOnly? OutcomesFrom,
    DateOnly? OutcomesTo,
    RankingQuality Model,
    RankingQuality Heuristic,
    RankingQuality? ActiveBefore,
    bool Promoted,
    string Decision,
    string IntendedUse,
    CorrectionScale Correction,
    PromotionGate Gate);

/// <summary>The ranker in use: a promoted model, or the heuristic when there is none or it cannot be read.</summary>
public sealed record ActiveRanker(Ranker Ranker, ModelCard? Card, string? Problem)
{
    public string Name => Ranker.Name;
}

/// <summary>A promoted model as a store knows it: its card (null when unreadable) and how to load it.</summary>
public sealed record PromotedModel(string Version, ModelCard? Card, Func<LightGbmRanker> Load);

/// <summary>
/// Versioned model files with their cards in a folder: <c>{version}/model.zip</c>,
/// <c>{version}/card.json</c>, and <c>active.json</c> naming the promoted versions, newest last.
/// A missing, unreadable or incompatible model falls back to the previous promoted one, then to
/// the heuristic; the problem is reported, never thrown.
/// </summary>
public sealed class ModelRegistry(string folder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Folder => folder;

    public IReadOnlyList<ModelCard> Cards()
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var cards = new List<ModelCard>();
        foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(dir, "card.json");
            try
            {
                if (File.Exists(path) && JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), Json) is { } card)
                {
                    cards.Add(card);
                }
            }
            catch (JsonException)
            {
                // An unreadable card is skipped like a missing one.
            }
        }

        return cards;
    }

    public IReadOnlyList<string> PromotedVersions()
    {
        var path = Path.Combine(folder, "active.json");
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<List<string>>(File.ReadAllText(path), Json) ?? [] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Writes model and card under a new version; the model file is written to a temporary name and moved, so no half-written model is ever read.</summary>
    public void Save(LightGbmRanker model, ModelCard card)
    {
        var dir = Path.Combine(folder, card.Version);
        Directory.CreateDirectory(dir);
        var temporary = Path.Combine(dir, $"model.{Guid.NewGuid():N}.tmp");
        model.Save(temporary);
        File.Move(temporary, Path.Combine(dir, "model.zip"), overwrite: true);
        WriteAtomically(Path.Combine(dir, "card.json"), JsonSerializer.Serialize(card, Json));
    }

    public void Promote(string version)
    {
        var versions = PromotedVersions().Where(v => v != version).Append(version).ToList();
        Directory.CreateDirectory(folder);
        WriteAtomically(Path.Combine(folder, "active.json"), JsonSerializer.Serialize(versions, Json));
    }

    /// <summary>The newest promoted model that loads and fits the current feature schema; else the heuristic.</summary>
    public ActiveRanker LoadActive()
    {
        var cards = Cards().ToDictionary(c => c.Version, StringComparer.Ordinal);
        return Resolve(PromotedVersions().Reverse().Select(v => new PromotedModel(v, cards.GetValueOrDefault(v), () => LightGbmRanker.Load(Path.Combine(folder, v, "model.zip")))));
    }

    public static string SerializeCard(ModelCard card) => JsonSerializer.Serialize(card, Json);

    /// <summary>The card, or null when it cannot be read.</summary>
    public static ModelCard? DeserializeCard(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelCard>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first of the promoted models (newest first) that loads and fits the current feature
    /// schema; else the heuristic. Wherever the models are kept, a problem is reported, never thrown.
    /// </summary>
    public static ActiveRanker Resolve(IEnumerable<PromotedModel> newestFirst)
    {
        var problems = new List<string>();
        foreach (var (version, card, load) in newestFirst)
        {
            if (card is null)
            {
                problems.Add($"model {version}: card missing or unreadable");
                continue;
            }

            if (card.FeatureSchema != CandidateFeatures.SchemaVersion)
            {
                problems.Add($"model {version}: feature schema {card.FeatureSchema}, engine has {CandidateFeatures.SchemaVersion}");
                continue;
            }

            try
            {
                var model = load();
                return new ActiveRanker(new Ranker(model, card.Correction, card.Version), card, problems.Count == 0 ? null : string.Join("; ", problems));
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or InvalidDataException or ArgumentException or UnauthorizedAccessException or System.Reflection.TargetInvocationException)
            {
                problems.Add($"model {version}: {e.GetType().Name}: {e.Message}");
            }
        }

        return new ActiveRanker(Ranker.Heuristic, null, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    private static void WriteAtomically(string path, string content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
