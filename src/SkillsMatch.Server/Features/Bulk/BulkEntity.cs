using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Server.Features.Bulk;

/// <summary>What bulk import and export handle; each is one CSV file in the format of <c>samples/</c>.</summary>
public enum BulkEntity
{
    Employers,
    ForumRounds,
    Needs,
    Clients,
    Courses,
    Outcomes,
}

public static class BulkEntities
{
    /// <summary>The order an empty database is filled in: a row may only name records of an earlier entity.</summary>
    public static readonly BulkEntity[] InOrder = [BulkEntity.Employers, BulkEntity.ForumRounds, BulkEntity.Needs, BulkEntity.Clients, BulkEntity.Courses, BulkEntity.Outcomes];

    /// <summary>The name in URLs and on the command line: employers, forum-rounds, needs, clients, courses, outcomes.</summary>
    public static string Name(this BulkEntity entity) => entity == BulkEntity.ForumRounds ? "forum-rounds" : entity.ToString().ToLowerInvariant();

    public static string FileName(this BulkEntity entity) => entity switch
    {
        BulkEntity.Employers => SampleFiles.Employers,
        BulkEntity.ForumRounds => SampleFiles.ForumRounds,
        BulkEntity.Needs => SampleFiles.Needs,
        BulkEntity.Clients => SampleFiles.Clients,
        BulkEntity.Courses => SampleFiles.Courses,
        _ => SampleFiles.Outcomes,
    };

    public static bool TryParse(string? name, out BulkEntity entity)
    {
        foreach (var candidate in InOrder)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.OrdinalIgnoreCase) || string.Equals(candidate.FileName(), name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                entity = candidate;
                return true;
            }
        }

        entity = default;
        return false;
    }

    /// <summary>Entities that hold client data: their imports and exports are audited and limited to a caseworker's reach.</summary>
    public static bool HoldsClientData(this BulkEntity entity) => entity is BulkEntity.Clients or BulkEntity.Outcomes;
}
