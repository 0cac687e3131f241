using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Accounts;

/// <summary>What a user's role reaches: an employer, a caseload code, a provider name.</summary>
public sealed record UserScope(int? EmployerId, string? Caseworker, string? Provider);

/// <summary>Creating, changing and removing accounts, shared by the admin API, the CLI and the demo accounts.</summary>
public sealed class UserAdministration(UserManager<AppUser> users, SkillsMatchDbContext db, TimeProvider clock)
{
    public Task<AppUser?> FindAsync(string email) => users.FindByEmailAsync(email);

    /// <summary>Checks that the scope fits the role: an employer user needs an existing employer, a caseworker a caseload code, a provider a name.</summary>
    public async Task<ProblemBuilder> CheckAsync(string? role, UserScope scope, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        switch (Roles.Parse(role))
        {
            case null:
                problems.Add("role", Texts.Pick($"Rolle ist eine von: {string.Join(", ", Roles.All)}.", $"Role is one of: {string.Join(", ", Roles.All)}."));
                break;
            case Roles.Employer when scope.EmployerId is not { } id:
                problems.Add("employerId", Texts.Pick("Ein Konto der Rolle Employer gehört zu einem Arbeitgeber (employerId).", "An Employer account belongs to an employer (employerId)."));
                break;
            case Roles.Employer when !await db.Employers.AnyAsync(e => e.Id == scope.EmployerId, ct):
                problems.Add("employerId", Texts.Pick($"Arbeitgeber {scope.EmployerId} gibt es nicht.", $"There is no employer {scope.EmployerId}."));
                break;
            case Roles.Caseworker when string.IsNullOrWhiteSpace(scope.Caseworker) || scope.Caseworker.Length > Limits.Code:
                problems.Add("caseworker", Texts.Pick("Ein Konto der Rolle Caseworker nennt sein Fallkürzel (caseworker, höchstens 64 Zeichen).", "A Caseworker account names its caseload code (caseworker, at most 64 characters)."));
                break;
            case Roles.TrainingProvider when string.IsNullOrWhiteSpace(scope.Provider) || scope.Provider.Length > Limits.Name:
                problems.Add("provider", Texts.Pick("Ein Konto der Rolle TrainingProvider nennt seinen Bildungsträger (provider).", "A TrainingProvider account names its provider (provider)."));
                break;
        }

        return problems;
    }

    /// <summary>Creates the account with one role; the scope fields not used by the role are dropped.</summary>
    public async Task<IdentityResult> CreateAsync(string email, string role, UserScope scope, string password, string? displayName)
    {
        role = Roles.Parse(role) ?? throw new ArgumentException("Unknown role.", nameof(role));
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
        };
        Apply(user, role, scope);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (result.Succeeded)
        {
            await transaction.CommitAsync();
        }

        return result;
    }

    /// <summary>Changes role and scope; the user's existing tokens and cookies stop working (new security stamp).</summary>
    public async Task<IdentityResult> UpdateAsync(AppUser user, string role, UserScope scope, bool? locked)
    {
        role = Roles.Parse(role) ?? throw new ArgumentException("Unknown role.", nameof(role));
        await using var transaction = await db.Database.BeginTransactionAsync();
        var current = await users.GetRolesAsync(user);
        var result = await users.RemoveFromRolesAsync(user, current);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        Apply(user, role, scope);
        if (result.Succeeded && locked is { } lockUser)
        {
            result = await users.SetLockoutEndDateAsync(user, lockUser ? DateTimeOffset.MaxValue : null);
        }

        if (result.Succeeded)
        {
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (result.Succeeded)
        {
            await transaction.CommitAsync();
        }

        return result;
    }

    public Task<IdentityResult> DeleteAsync(AppUser user) => users.DeleteAsync(user);

    public async Task<string?> RoleOfAsync(AppUser user) => (await users.GetRolesAsync(user)).FirstOrDefault();

    /// <summary>A random password that meets the rules: 20 characters from letters and digits, with each kind present.</summary>
    public static string GeneratePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        var all = lower + upper + digits;
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static void Apply(AppUser user, string role, UserScope scope)
    {
        user.EmployerId = role == Roles.Employer ? scope.EmployerId : null;
        user.Caseworker = role == Roles.Caseworker ? scope.Caseworker?.Trim() : null;
        user.Provider = role == Roles.TrainingProvider ? scope.Provider?.Trim() : null;
    }
}
