using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Courses;
using SkillsMatch.Server.Features.Employers;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.ForumRounds;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Outcomes;

namespace SkillsMatch.Server.Data;

public sealed class SkillsMatchDbContext(DbContextOptions<SkillsMatchDbContext> options, TimeProvider clock) : DbContext(options)
{
    public DbSet<Employer> Employers => Set<Employer>();
    public DbSet<ForumRound> ForumRounds => Set<ForumRound>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<NeedComment> NeedComments => Set<NeedComment>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Outcome> Outcomes => Set<Outcome>();
    public DbSet<ShortlistEntry> Shortlists => Set<ShortlistEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SkillsMatchDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset values stored as text; UTC ticks can.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void StampVersions()
    {
        var now = clock.GetUtcNow();
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.Version = 1;
                    entry.Entity.CreatedAt = now;
                    entry.Entity.UpdatedAt = now;
                    break;
                case EntityState.Modified:
                    entry.Entity.Version++;
                    entry.Entity.UpdatedAt = now;
                    break;
                default:
                    // Owned collections change without the owner being marked modified.
                    if (entry.State == EntityState.Unchanged && entry.References.Concat<Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry>(entry.Collections).Any(HasChanges))
                    {
                        entry.State = EntityState.Modified;
                        entry.Entity.Version++;
                        entry.Entity.UpdatedAt = now;
                    }

                    break;
            }
        }
    }

    private static bool HasChanges(Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry navigation) =>
        navigation.Metadata is Microsoft.EntityFrameworkCore.Metadata.INavigation { ForeignKey.IsOwnership: true }
        && navigation.IsModified;
}

internal sealed class DateTimeOffsetToUtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
