using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Clients;

public enum EvidenceSource
{
    SelfReported,
    WorkExperience,
    Assessment,
    Certificate,
}

/// <summary>
/// A jobseeker in the county's care (eLb). Social data: identified only by a pseudonymous
/// reference; never logged.
/// </summary>
public sealed class Client : IVersioned
{
    public int Id { get; set; }
    public required string Reference { get; set; }
    public required string Caseworker { get; set; }
    public List<ClientSkill> Skills { get; set; } = [];
    public List<string> Certificates { get; set; } = [];
    public List<LanguageLevel> Languages { get; set; } = [];
    public List<PastOccupation> PastOccupations { get; set; } = [];
    public List<string> DesiredOccupations { get; set; } = [];
    public DateOnly AvailableFrom { get; set; }
    public int HoursPerWeek { get; set; }
    public bool DrivingLicence { get; set; }
    public bool HasCar { get; set; }
    public int MaxCommuteMinutes { get; set; }
    public required string HomeMunicipalityAgs { get; set; }
    public List<string> Barriers { get; set; } = [];
    public bool ConsentToShare { get; set; }

    /// <summary>Protected attributes, kept for statistics and equal-treatment monitoring; never copied into the matching engine.</summary>
    public ProtectedAttributes Protected { get; set; } = new();

    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Gender, year of birth, nationality, severe disability: social data under special protection.</summary>
public sealed class ProtectedAttributes
{
    /// <summary>female, male, diverse, or null when not recorded.</summary>
    public string? Gender { get; set; }

    public int? BirthYear { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code.</summary>
    public string? Nationality { get; set; }

    public bool SevereDisability { get; set; }
}

public sealed class ClientSkill
{
    public required string SkillId { get; set; }
    public int Level { get; set; }
    public EvidenceSource Evidence { get; set; }
}

public sealed class PastOccupation
{
    public required string OccupationId { get; set; }
    public double Years { get; set; }
}

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.Property(c => c.Reference).HasMaxLength(Limits.Code);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.Caseworker).HasMaxLength(Limits.Code);
        builder.HasIndex(c => c.Caseworker);
        builder.Property(c => c.HomeMunicipalityAgs).HasMaxLength(Limits.Code);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.OwnsOne(c => c.Protected, p =>
        {
            p.Property(x => x.Gender).HasMaxLength(16).HasColumnName("Gender");
            p.Property(x => x.BirthYear).HasColumnName("BirthYear");
            p.Property(x => x.Nationality).HasMaxLength(2).HasColumnName("Nationality");
            p.Property(x => x.SevereDisability).HasColumnName("SevereDisability");
        });
        builder.HasIndex(c => c.UpdatedAt);
        builder.OwnsMany(c => c.Skills, skill =>
        {
            skill.ToJson();
            skill.Property(s => s.SkillId).HasMaxLength(Limits.Code);
            skill.Property(s => s.Evidence).HasConversion<string>().HasMaxLength(16);
        });
        builder.OwnsMany(c => c.Languages, language =>
        {
            language.ToJson();
            language.Property(l => l.Code).HasMaxLength(8);
        });
        builder.OwnsMany(c => c.PastOccupations, occupation =>
        {
            occupation.ToJson();
            occupation.Property(o => o.OccupationId).HasMaxLength(Limits.Code);
        });
    }
}
