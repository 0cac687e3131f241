using System.Globalization;

namespace SkillsMatch.Engine.Reference;

/// <summary>CEFR language levels as the engine counts them: 0 none, A1 = 1 … C2 = 6.</summary>
public static class Cefr
{
    public static readonly IReadOnlyList<string> Names = ["A1", "A2", "B1", "B2", "C1", "C2"];

    /// <summary>The level's name (A1 … C2); the number itself outside that range.</summary>
    public static string Name(int level) => level is >= 1 and <= 6 ? Names[level - 1] : level.ToString(CultureInfo.InvariantCulture);
}
