using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.ForumRounds;

/// <summary>A dated round of the Kompetenzforum, by sector and/or region.</summary>
public sealed class ForumRound : IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? Sector { get; set; }

    /// <summary>A municipality (AGS), municipal association or district code, or none for the whole county.</summary>
    public string? RegionCode { get; set; }

    public DateOnly Date { get; set; }
    public string? Notes { get; set; }
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ForumRoundConfiguration : IEntityTypeConfiguration<ForumRound>
{
    public void Configure(EntityTypeBuilder<ForumRound> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(Limits.Name);
        builder.Property(r => r.Sector).HasMaxLength(Limits.Code);
        builder.Property(r => r.RegionCode).HasMaxLength(Limits.Code);
        builder.Property(r => r.Notes).HasMaxLength(Limits.Text);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.Date);
    }
}
