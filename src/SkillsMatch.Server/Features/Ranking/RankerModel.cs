using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Ranking;

/// <summary>
/// A trained model with its card, in the database so every instance serves the same one. A row is
/// written whole in one insert; <see cref="PromotedOrder"/> is set when it is promoted (newest highest).
/// </summary>
public sealed class RankerModel
{
    public required string Version { get; set; }

    public DateTimeOffset TrainedAt { get; set; }

    /// <summary>The <see cref="Engine.Ranking.ModelCard"/> as JSON.</summary>
    public required string Card { get; set; }

    /// <summary>The ML.NET model archive.</summary>
    public required byte[] Model { get; set; }

    public long? PromotedOrder { get; set; }
}

internal sealed class RankerModelConfiguration : IEntityTypeConfiguration<RankerModel>
{
    public void Configure(EntityTypeBuilder<RankerModel> builder)
    {
        builder.HasKey(m => m.Version);
        builder.Property(m => m.Version).HasMaxLength(Limits.Code);
        builder.HasIndex(m => m.PromotedOrder).IsUnique();
    }
}
