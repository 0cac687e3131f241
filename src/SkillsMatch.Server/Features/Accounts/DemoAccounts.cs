using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Accounts;

/// <summary>
/// One account per role for the embedded default (<c>Accounts:DemoAccounts</c>, set in Development
/// only), scoped to the sample data: the employer account belongs to the first employer, the
/// caseworker to caseload IFK-01, the provider account to the first course's provider.
/// Production has no default accounts: the first admin is made with <c>skillsmatch users add</c>.
/// </summary>
internal sealed partial class DemoAccounts(SkillsMatchDbContext db, UserAdministration users, IOptions<AccountOptions> options, ILogger<DemoAccounts> logger)
{
    public const string Domain = "demo.skillsmatch.example";

    public static string Email(string role) => $"{role.ToLowerInvariant()}@{Domain}";

    public async Task EnsureAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.DemoAccounts)
        {
            return;
        }

        var employer = await db.Employers.OrderBy(e => e.Id).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        var provider = await db.Courses.OrderBy(c => c.Id).Select(c => c.Provider).FirstOrDefaultAsync(ct);
        foreach (var role in Roles.All)
        {
            if (await users.FindAsync(Email(role)) is not null)
            {
                continue;
            }

            var scope = new UserScope(
                role == Roles.Employer ? employer : null,
                role == Roles.Caseworker ? "IFK-01" : null,
                role == Roles.TrainingProvider ? provider ?? "Demo-Bildungsträger" : null);
            var result = await users.CreateAsync(Email(role), role, scope, settings.DemoPassword, $"Demo {role}");
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo account not created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }

        LogDemoAccounts(logger, string.Join(", ", Roles.All.Select(Email)), settings.DemoPassword);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo accounts (Development only): {Accounts}, password {Password}. Sign in with POST /api/auth/login.")]
    private static partial void LogDemoAccounts(ILogger logger, string accounts, string password);
}
