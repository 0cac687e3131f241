using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Accounts;

/// <summary>
/// A person who signs in. One role (see <see cref="Roles"/>); the scope fields say whose data the
/// role reaches: an employer user its organisation, a caseworker its caseload code (the
/// <c>caseworker</c> field of a client), a training provider its provider name.
/// </summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>For role Employer: the organisation whose needs this user may see and change.</summary>
    public int? EmployerId { get; set; }

    /// <summary>For role Caseworker: the caseload code, as in a client's <c>caseworker</c> field.</summary>
    public string? Caseworker { get; set; }

    /// <summary>For role TrainingProvider: the provider name, as in a course's <c>provider</c> field.</summary>
    public string? Provider { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(Limits.Name);
        builder.Property(u => u.Caseworker).HasMaxLength(Limits.Code);
        builder.Property(u => u.Provider).HasMaxLength(Limits.Name);
    }
}

/// <summary>The five roles. A user has exactly one.</summary>
public static class Roles
{
    public const string Employer = "Employer";
    public const string Caseworker = "Caseworker";
    public const string TrainingProvider = "TrainingProvider";
    public const string Planner = "Planner";
    public const string Admin = "Admin";

    public static readonly string[] All = [Employer, Caseworker, TrainingProvider, Planner, Admin];

    /// <summary>The role's canonical name for any casing ("admin" → "Admin"), or null.</summary>
    public static string? Parse(string? name) => All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The claims a signed-in user carries, from the user table or from a county identity provider's token.</summary>
public static class ScopeClaims
{
    public const string Employer = "skillsmatch:employer";
    public const string Caseworker = "skillsmatch:caseworker";
    public const string Provider = "skillsmatch:provider";
}
