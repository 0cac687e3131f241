using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Features.Outcomes;

public enum OutcomeStage
{
    Proposed,
    Invited,
    Hired,
    Rejected,
}

/// <summary>What became of proposing a client for a need; the labels the ranker learns from.</summary>
public sealed class Outcome : IVersioned
{
    public int Id { get; set; }
    public int NeedId { get; set; }
    public Need? Need { get; set; }
    /// <summary>Null once the client was deleted: the decision stays, the personal link goes.</summary>
    public int? ClientId { get; set; }
    public Client? Client { get; set; }
    public OutcomeStage Stage { get; set; }
    public string? Reason { get; set; }
    public DateOnly Date { get; set; }
    public string? DecidedBy { get; set; }

    /// <summary>The candidate's rank in the list the caseworker saw when proposing, when recorded.</summary>
    public int? RankAtProposal { get; set; }

    /// <summary>Why a caseworker passed over higher-ranked candidates, optional.</summary>
    public string? PassOverReason { get; set; }

    /// <summary>The row of a served list this outcome followed, when known; its rank is <see cref="RankAtProposal"/>.</summary>
    public long? ImpressionId { get; set; }

    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class OutcomeConfiguration : IEntityTypeConfiguration<Outcome>
{
    public void Configure(EntityTypeBuilder<Outcome> builder)
    {
        builder.Property(o => o.Stage).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Reason).HasMaxLength(Limits.Text);
        builder.Property(o => o.DecidedBy).HasMaxLength(Limits.Code);
        builder.Property(o => o.PassOverReason).HasMaxLength(Limits.Text);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasOne(o => o.Need).WithMany().HasForeignKey(o => o.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(o => o.Client).WithMany().HasForeignKey(o => o.ClientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(o => new { o.NeedId, o.ClientId });
        builder.HasOne<Impression>().WithMany().HasForeignKey(o => o.ImpressionId).OnDelete(DeleteBehavior.SetNull);
    }
}
