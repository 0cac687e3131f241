using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SkillsMatch.Server.Data;

/// <summary>
/// One change to a client, need or course, written in the same transaction as the change
/// (deletions included). Instances advance their snapshots by <see cref="Sequence"/>, never by clocks.
/// </summary>
public sealed class ChangeLogEntry
{
    public const string Client = "client";
    public const string Need = "need";
    public const string Course = "course";

    public long Sequence { get; set; }
    public required string Entity { get; set; }
    public int EntityId { get; set; }
    public bool Deleted { get; set; }

    /// <summary>The clients, needs and courses about to be added, changed or deleted, to be logged once they have ids.</summary>
    internal static List<PendingChange> Pending(ChangeTracker tracker)
    {
        var pending = new List<PendingChange>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            // Type patterns, spelled out: the bare names would be this class's constants.
            var kind = entry.Entity switch
            {
                Features.Clients.Client => Client,
                Features.Needs.Need => Need,
                Features.Courses.Course => Course,
                _ => null,
            };
            if (kind is not null)
            {
                pending.Add(new PendingChange(entry.Entity, kind, entry.State == EntityState.Deleted));
            }
        }

        return pending;
    }

    internal sealed record PendingChange(object Entity, string Kind, bool Deleted)
    {
        public ChangeLogEntry ToEntry() => new()
        {
            Entity = Kind,
            EntityId = Entity switch
            {
                Features.Clients.Client c => c.Id,
                Features.Needs.Need n => n.Id,
                Features.Courses.Course c => c.Id,
                _ => throw new InvalidOperationException($"No change log for {Entity.GetType().Name}."),
            },
            Deleted = Deleted,
        };
    }
}

internal sealed class ChangeLogEntryConfiguration : IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(EntityTypeBuilder<ChangeLogEntry> builder)
    {
        builder.ToTable("ChangeLog");
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).ValueGeneratedOnAdd();
        builder.Property(c => c.Entity).HasMaxLength(16);
    }
}
