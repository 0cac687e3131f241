using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Audit;

/// <summary>What a request did with client data, from its HTTP method and route.</summary>
public enum AuditAction
{
    Read,
    List,
    Create,
    Update,
    Delete,
}

/// <summary>
/// One request that touched client data: who (user id and role, never a name), when, which endpoint
/// with which answer, and which clients — by id only, never any profile content. A ranked list
/// keeps its impression <see cref="ListId"/>, so it can be shown who saw which ranking.
/// Append-only: <see cref="SkillsMatchDbContext"/> refuses to change or delete an entry.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The delimiter around every id in <see cref="ClientIds"/>.</summary>
    public const char Delimiter = ',';

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user id (Identity) or subject (identity provider).</summary>
    public string? UserId { get; set; }

    public string? Role { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>HTTP method and route pattern, e.g. <c>GET /api/clients/{id}</c>.</summary>
    public required string Endpoint { get; set; }

    /// <summary>The response's status code, refusals (403, 404) included.</summary>
    public int Status { get; set; }

    /// <summary>The clients concerned as <c>",12,45,"</c> (empty when none), so a filter by client is one <c>LIKE '%,12,%'</c>.</summary>
    public string ClientIds { get; set; } = string.Empty;

    public int ClientCount { get; set; }

    /// <summary>The impression list id when the response was a ranked list.</summary>
    public Guid? ListId { get; set; }

    public int? NeedId { get; set; }

    /// <summary>The stored form of a set of client ids: each id between delimiters, in ascending order; empty for none.</summary>
    public static string Join(IReadOnlyCollection<int> ids) =>
        ids.Count == 0 ? string.Empty : Delimiter + string.Join(Delimiter, ids.Order().Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + Delimiter;

    /// <summary>What a filter for one client looks for in <see cref="ClientIds"/>.</summary>
    public static string Needle(int clientId) => FormattableString.Invariant($"{Delimiter}{clientId}{Delimiter}");

    public static IReadOnlyList<int> Split(string ids) =>
        [.. ids.Split(Delimiter, StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture))];
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.UserId).HasMaxLength(Limits.Name);
        builder.Property(a => a.Role).HasMaxLength(32);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Endpoint).HasMaxLength(256);

        // No foreign keys: the record of who saw a client outlives the client, and a need.
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.UserId);
    }
}
