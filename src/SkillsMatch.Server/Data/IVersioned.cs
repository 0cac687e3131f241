namespace SkillsMatch.Server.Data;

/// <summary>
/// An entity guarded by optimistic concurrency: <see cref="Version"/> goes up by one on every
/// save, and an update that names an older version is refused instead of overwriting.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }

    DateTimeOffset CreatedAt { get; set; }

    DateTimeOffset UpdatedAt { get; set; }
}
