using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Employers;
using SkillsMatch.Server.Features.ForumRounds;

namespace SkillsMatch.Server.Features.Needs;

public enum NeedKind
{
    /// <summary>Hiring now (Stellenangebot).</summary>
    Vacancy,

    /// <summary>A need announced ahead in the forum (Bedarfsprognose).</summary>
    Forecast,
}

public enum NeedStatus
{
    Draft,
    Open,
    Filled,
    Closed,
    Expired,
}

/// <summary>What an employer needs: skills, headcount, period and requirements (Bedarf).</summary>
public sealed class Need : IVersioned
{
    public int Id { get; set; }
    public NeedKind Kind { get; set; }
    public int EmployerId { get; set; }
    public Employer? Employer { get; set; }
    public int? ForumRoundId { get; set; }
    public ForumRound? ForumRound { get; set; }
    public required string Title { get; set; }
    public string? OccupationId { get; set; }
    public int Headcount { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public int HoursPerWeek { get; set; }
    public bool ShiftWork { get; set; }
    public required string MunicipalityAgs { get; set; }
    public int? MaxCommuteMinutes { get; set; }
    public List<NeedSkill> Skills { get; set; } = [];
    /// <summary>Certificates and licences a candidate must hold (or gain by training before the start).</summary>
    public List<string> Certificates { get; set; } = [];

    /// <summary>Certificates and licences that are welcome ("von Vorteil"): credit for holders, no requirement.</summary>
    public List<string> NiceToHaveCertificates { get; set; } = [];
    public List<LanguageLevel> Languages { get; set; } = [];
    public string? FurtherAbilities { get; set; }
    public NeedStatus Status { get; set; }
    public List<NeedComment> Comments { get; set; } = [];
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A skill a need asks for, at a minimum level (1 basic … 4 expert).</summary>
public sealed class NeedSkill
{
    public required string SkillId { get; set; }
    public int MinLevel { get; set; }
    public bool MustHave { get; set; }

    /// <summary>Weeks of familiarisation (Einarbeitung) in which the employer teaches this must-have skill; null: a course or the client must bring it.</summary>
    public int? OnTheJobWeeks { get; set; }
}

public sealed class NeedComment
{
    public int Id { get; set; }
    public int NeedId { get; set; }
    public required string Author { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> builder)
    {
        builder.Property(n => n.Title).HasMaxLength(Limits.Name);
        builder.Property(n => n.OccupationId).HasMaxLength(Limits.Code);
        builder.Property(n => n.MunicipalityAgs).HasMaxLength(Limits.Code);
        builder.Property(n => n.FurtherAbilities).HasMaxLength(Limits.Text);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.HasOne(n => n.Employer).WithMany().HasForeignKey(n => n.EmployerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(n => n.ForumRound).WithMany().HasForeignKey(n => n.ForumRoundId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(n => n.Comments).WithOne().HasForeignKey(c => c.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(n => n.Skills, skill =>
        {
            skill.ToJson();
            skill.Property(s => s.SkillId).HasMaxLength(Limits.Code);
        });
        builder.OwnsMany(n => n.Languages, language =>
        {
            language.ToJson();
            language.Property(l => l.Code).HasMaxLength(8);
        });
        builder.HasIndex(n => new { n.Status, n.PeriodStart });
        builder.HasIndex(n => n.MunicipalityAgs);
    }
}

internal sealed class NeedCommentConfiguration : IEntityTypeConfiguration<NeedComment>
{
    public void Configure(EntityTypeBuilder<NeedComment> builder)
    {
        builder.Property(c => c.Author).HasMaxLength(Limits.Name);
        builder.Property(c => c.Text).HasMaxLength(Limits.Text);
    }
}
