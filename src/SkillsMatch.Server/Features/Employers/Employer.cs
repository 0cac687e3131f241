using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Employers;

public sealed class Employer : IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Sector { get; set; }
    public required string MunicipalityAgs { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class EmployerConfiguration : IEntityTypeConfiguration<Employer>
{
    public void Configure(EntityTypeBuilder<Employer> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(Limits.Name);
        builder.Property(e => e.Sector).HasMaxLength(Limits.Code);
        builder.Property(e => e.MunicipalityAgs).HasMaxLength(Limits.Code);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => e.Name);
    }
}
