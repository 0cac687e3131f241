using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Features.Ranking;

/// <summary>Which ranked list a row was shown in.</summary>
public enum ListKind
{
    Candidates,
    Matches,
    Shortlist,
}

/// <summary>
/// One row of a ranked list a person was shown: the ranker's training data (docs/ranker.md).
/// All rows of one served list share <see cref="ListId"/>. Compact on purpose: no navigations,
/// the features packed as little-endian floats in <see cref="Engine.Matching.CandidateFeatures.Names"/> order.
/// </summary>
public sealed class Impression
{
    public long Id { get; set; }
    public Guid ListId { get; set; }
    public ListKind Kind { get; set; }
    public int NeedId { get; set; }
    /// <summary>Null once the client was deleted: what was shown, and its features, stay for training without the personal link.</summary>
    public int? ClientId { get; set; }

    /// <summary>1-based position in the list.</summary>
    public int Rank { get; set; }

    /// <summary>The ranker that ordered the list: a model version or "heuristic".</summary>
    public required string Ranker { get; set; }

    public int FeatureSchema { get; set; }
    public required byte[] Features { get; set; }
    public DateTimeOffset ShownAt { get; set; }

    public static byte[] Pack(float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    public static float[] Unpack(byte[] packed) => MemoryMarshal.Cast<byte, float>(packed).ToArray();
}

internal sealed class ImpressionConfiguration : IEntityTypeConfiguration<Impression>
{
    public void Configure(EntityTypeBuilder<Impression> builder)
    {
        // 16 bytes instead of 36 characters of text per row.
        builder.Property(i => i.ListId).HasConversion(g => g.ToByteArray(), b => new Guid(b));
        builder.Property(i => i.Ranker).HasMaxLength(64);
        builder.HasOne<Need>().WithMany().HasForeignKey(i => i.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => new { i.NeedId, i.ClientId });
        builder.HasIndex(i => i.ShownAt);
    }
}
