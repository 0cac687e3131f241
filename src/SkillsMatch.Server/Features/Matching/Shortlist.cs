using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SkillsMatch.Server.Features.Matching;

/// <summary>One row of a need's stored shortlist, written by the rematch job.</summary>
public sealed class ShortlistEntry
{
    public int NeedId { get; set; }
    public int ClientId { get; set; }
    public int Rank { get; set; }
    public double Score { get; set; }
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>When the client first appeared on this need's shortlist; equal to <see cref="ComputedAt"/> when new in the last run.</summary>
    public DateTimeOffset FirstListedAt { get; set; }
}

internal sealed class ShortlistEntryConfiguration : IEntityTypeConfiguration<ShortlistEntry>
{
    public void Configure(EntityTypeBuilder<ShortlistEntry> builder)
    {
        builder.ToTable("Shortlists");
        builder.HasKey(s => new { s.NeedId, s.ClientId });
        builder.HasIndex(s => new { s.NeedId, s.Rank });

        // A shortlist is derived from its need and client: it goes with either.
        builder.HasOne<Needs.Need>().WithMany().HasForeignKey(s => s.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Clients.Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
