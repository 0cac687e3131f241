using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Courses;
using SkillsMatch.Server.Features.Employers;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.ForumRounds;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Outcomes;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Data;

/// <summary>
/// The one context. SQLite uses it as is; PostgreSQL uses <see cref="PostgresSkillsMatchDbContext"/>,
/// a subclass only so that each provider owns its migrations.
/// </summary>
public class SkillsMatchDbContext : IdentityDbContext<AppUser, IdentityRole, string>, IDataProtectionKeyContext
{
    private readonly TimeProvider _clock;

    public SkillsMatchDbContext(DbContextOptions<SkillsMatchDbContext> options, TimeProvider clock)
        : this((DbContextOptions)options, clock)
    {
    }

    protected SkillsMatchDbContext(DbContextOptions options, TimeProvider clock)
        : base(options) => _clock = clock;

    public DbSet<Employer> Employers => Set<Employer>();
    public DbSet<ForumRound> ForumRounds => Set<ForumRound>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<NeedComment> NeedComments => Set<NeedComment>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Outcome> Outcomes => Set<Outcome>();
    public DbSet<ShortlistEntry> Shortlists => Set<ShortlistEntry>();
    public DbSet<EmployerFeedback> EmployerFeedback => Set<EmployerFeedback>();
    public DbSet<Impression> Impressions => Set<Impression>();
    public DbSet<RankerModel> RankerModels => Set<RankerModel>();

    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();

    /// <summary>Who read or changed which client's data; append-only (<see cref="RefuseAuditChanges"/>).</summary>
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>The keys that protect sign-in cookies and bearer tokens, shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SkillsMatchDbContext).Assembly);

        // The five roles exist in every database from its first migration.
        builder.Entity<IdentityRole>().HasData(Features.Accounts.Roles.All.Select(r => new IdentityRole(r) { Id = r, NormalizedName = r.ToUpperInvariant(), ConcurrencyStamp = r }));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset values stored as text; UTC ticks can.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        }

        // PostgreSQL's timestamptz accepts only UTC offsets from Npgsql; a value with an offset is stored as its instant.
        if (Database.IsNpgsql())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcConverter>();
        }
    }

    /// <summary>
    /// Saves, and logs every added, changed or deleted client, need and course in the same
    /// transaction (see <see cref="ChangeLogEntry"/>), so no endpoint or job can forget it. The log
    /// rows need the new rows' ids, so they are a second statement batch inside that transaction.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        StampVersions();
        var changes = ChangeLogEntry.Pending(ChangeTracker);
        if (changes.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var owned = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            ChangeLog.AddRange(changes.Select(c => c.ToEntry()));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        StampVersions();
        var changes = ChangeLogEntry.Pending(ChangeTracker);
        if (changes.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var owned = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        ChangeLog.AddRange(changes.Select(c => c.ToEntry()));
        base.SaveChanges(acceptAllChangesOnSuccess);
        owned?.Commit();
        return saved;
    }

    /// <summary>The audit log is append-only: an entry is added, never changed or deleted through the context.</summary>
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only: they cannot be changed or deleted.");
        }
    }

    private void StampVersions()
    {
        var now = _clock.GetUtcNow();
        var entries = ChangeTracker.Entries<IVersioned>().ToList();

        // A change to an owned value (a client's skills, a need's languages) changes its owner.
        var byKey = new Dictionary<(Type, string), object>();
        foreach (var entry in entries)
        {
            byKey[(entry.Metadata.ClrType, KeyOf(entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)))] = entry.Entity;
        }

        var ownersChanged = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var owned in ChangeTracker.Entries().Where(e => e.Metadata.IsOwned() && e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified))
        {
            var ownership = owned.Metadata.FindOwnership()!;
            var key = KeyOf(ownership.Properties.Select(p => owned.Property(p.Name).CurrentValue ?? owned.Property(p.Name).OriginalValue));
            if (byKey.TryGetValue((ownership.PrincipalEntityType.ClrType, key), out var owner))
            {
                ownersChanged.Add(owner);
            }
        }

        foreach (var entry in entries)
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.Version = 1;
                    entry.Entity.CreatedAt = now;
                    entry.Entity.UpdatedAt = now;
                    break;
                case EntityState.Modified:
                case EntityState.Unchanged when ownersChanged.Contains(entry.Entity):
                    entry.State = EntityState.Modified;
                    entry.Entity.Version++;
                    entry.Entity.UpdatedAt = now;
                    break;
            }
        }
    }

    private static string KeyOf(IEnumerable<object?> values) => string.Join('|', values);
}

internal sealed class DateTimeOffsetToUtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

internal sealed class DateTimeOffsetToUtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);
