using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Courses;

/// <summary>A training course of a local provider (Weiterbildung / Qualifizierung).</summary>
public sealed class Course : IVersioned
{
    public int Id { get; set; }
    public required string Provider { get; set; }
    public required string Title { get; set; }
    public List<CourseSkill> Skills { get; set; } = [];
    public List<string> CertificatesAwarded { get; set; } = [];

    /// <summary>Language levels the course leads to (a German course to B1, say).</summary>
    public List<LanguageLevel> LanguagesTaught { get; set; } = [];

    /// <summary>What a participant must bring: skills at a level, certificates, language levels.</summary>
    public List<CourseSkill> PrerequisiteSkills { get; set; } = [];

    public List<string> PrerequisiteCertificates { get; set; } = [];

    public List<LanguageLevel> PrerequisiteLanguages { get; set; } = [];
    public int DurationWeeks { get; set; }
    public int HoursPerWeek { get; set; }
    public List<CourseCohort> Cohorts { get; set; } = [];
    public string? MunicipalityAgs { get; set; }
    public bool Remote { get; set; }
    public decimal CostEuros { get; set; }

    /// <summary>Funding routes: Bildungsgutschein, AVGS, Employer.</summary>
    public List<string> Funding { get; set; } = [];

    public bool AzavCertified { get; set; }

    /// <summary>The provider's own id of the course (Weiterbildungssuche); with the provider the key a catalogue import upserts by.</summary>
    public string? ProviderCourseId { get; set; }

    /// <summary>The module series (Teilqualifizierung) the course belongs to, e.g. TQ-FACHLAGERIST; null for a standalone course.</summary>
    public string? SeriesId { get; set; }

    public string? SeriesName { get; set; }

    /// <summary>The module's number in its series; 0 outside a series.</summary>
    public int Module { get; set; }

    /// <summary>Modules of the same series to complete first.</summary>
    public List<int> RequiresModules { get; set; } = [];

    /// <summary>FullTime, PartTime or Online (<see cref="CourseRules.Formats"/>).</summary>
    public string Format { get; set; } = CourseRules.FullTime;

    /// <summary>Held within childcare-compatible hours (about 9 to 14 o'clock).</summary>
    public bool ChildcareCompatible { get; set; }

    /// <summary>The course contents as the provider describes them (mapped to skills on import).</summary>
    public string? Content { get; set; }
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class CourseSkill
{
    public required string SkillId { get; set; }
    public int Level { get; set; }
}

public sealed class CourseCohort
{
    public DateOnly StartDate { get; set; }
    public int Capacity { get; set; }
    public int SeatsTaken { get; set; }
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.Property(c => c.Provider).HasMaxLength(Limits.Name);
        builder.Property(c => c.Title).HasMaxLength(Limits.Name);
        builder.Property(c => c.MunicipalityAgs).HasMaxLength(Limits.Code);
        builder.Property(c => c.CostEuros).HasPrecision(10, 2);
        builder.Property(c => c.ProviderCourseId).HasMaxLength(Limits.Code);
        builder.Property(c => c.SeriesId).HasMaxLength(Limits.Code);
        builder.Property(c => c.SeriesName).HasMaxLength(Limits.Name);
        builder.Property(c => c.Format).HasMaxLength(16).HasDefaultValue(CourseRules.FullTime);
        builder.Property(c => c.Content).HasMaxLength(Limits.Text);
        builder.HasIndex(c => new { c.Provider, c.ProviderCourseId }).IsUnique();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.OwnsMany(c => c.Skills, skill =>
        {
            skill.ToJson();
            skill.Property(s => s.SkillId).HasMaxLength(Limits.Code);
        });
        builder.OwnsMany(c => c.Cohorts, cohort => cohort.ToJson());
        builder.OwnsMany(c => c.LanguagesTaught, language => language.ToJson());
        builder.OwnsMany(c => c.PrerequisiteSkills, skill => skill.ToJson());
        builder.OwnsMany(c => c.PrerequisiteLanguages, language => language.ToJson());
    }
}
