using SkillsMatch.Engine.Reference;

namespace SkillsMatch.Engine.Tests;

/// <summary>Loads the shipped <c>data/</c> folder once for all engine tests.</summary>
public sealed class ReferenceDataFixture
{
    public ReferenceData Reference { get; } = ReferenceData.Load(ReferenceData.LocateDataDirectory());
}

[CollectionDefinition(Name)]
public sealed class ReferenceDataCollection : ICollectionFixture<ReferenceDataFixture>
{
    public const string Name = "reference data";
}
