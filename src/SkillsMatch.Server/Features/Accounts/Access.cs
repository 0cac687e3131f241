using System.Security.Claims;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Features.Clients;

namespace SkillsMatch.Server.Features.Accounts;

/// <summary>How far a caseworker reaches: their own caseload, their team's, or every client of the job centre.</summary>
public enum CaseloadScope
{
    Own,
    Team,
    All,
}

/// <summary>Section <c>Access</c>: the caseworker scope and, for <see cref="CaseloadScope.Team"/>, the teams as lists of caseload codes.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    public CaseloadScope Caseload { get; set; } = CaseloadScope.Own;

    /// <summary>Team name → caseload codes, e.g. <c>"Nord": ["IFK-01", "IFK-02"]</c>.</summary>
    public Dictionary<string, List<string>> Teams { get; set; } = [];
}

/// <summary>
/// What the signed-in user may reach, read from their claims once per request. Endpoints ask it
/// instead of reading claims themselves, so every scope rule lives here.
/// </summary>
public sealed class Access(IHttpContextAccessor http, IOptions<AccessOptions> options)
{
    private IReadOnlySet<string>? _caseload;

    public ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public bool IsCaseworker => User.IsInRole(Roles.Caseworker);

    public bool IsEmployer => User.IsInRole(Roles.Employer);

    public bool IsProvider => User.IsInRole(Roles.TrainingProvider);

    public bool IsPlanner => User.IsInRole(Roles.Planner);

    /// <summary>The user id (Identity) or subject (identity provider), never a name.</summary>
    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? User.FindFirstValue("sub");

    public string? Role => Roles.All.FirstOrDefault(User.IsInRole);

    /// <summary>The employer user's organisation; null for every other role, or an employer user with none (who then sees nothing).</summary>
    public int? EmployerId => int.TryParse(User.FindFirstValue(ScopeClaims.Employer), out var id) ? id : null;

    public string? Caseworker => User.FindFirstValue(ScopeClaims.Caseworker);

    public string? Provider => User.FindFirstValue(ScopeClaims.Provider);

    /// <summary>The caseload codes this caseworker reaches; null means every client (scope All). Empty for every other role.</summary>
    public IReadOnlySet<string>? Caseload => _caseload ??= ComputeCaseload();

    private HashSet<string>? ComputeCaseload()
    {
        if (!IsCaseworker || Caseworker is not { Length: > 0 } own)
        {
            return new HashSet<string>();
        }

        var scope = options.Value;
        return scope.Caseload switch
        {
            CaseloadScope.All => null,
            CaseloadScope.Team => scope.Teams.Values.Where(t => t.Contains(own, StringComparer.OrdinalIgnoreCase))
                .SelectMany(t => t).Append(own).ToHashSet(StringComparer.OrdinalIgnoreCase),
            _ => new HashSet<string>(StringComparer.OrdinalIgnoreCase) { own },
        };
    }

    /// <summary>True when the client's caseload code is within this caseworker's reach.</summary>
    public bool Reaches(string caseworker) => Caseload is not { } codes || codes.Contains(caseworker);

    public bool Reaches(Client client) => Reaches(client.Caseworker);

    /// <summary>The clients this caseworker reaches, as a query filter.</summary>
    public IQueryable<Client> CaseloadOf(IQueryable<Client> clients)
    {
        if (Caseload is not { } codes)
        {
            return clients;
        }

        var list = codes.ToList();
        return clients.Where(c => list.Contains(c.Caseworker));
    }

    /// <summary>True when an employer user may see this need's employer; every other role is not limited by it here.</summary>
    public bool OwnsEmployer(int employerId) => !IsEmployer || EmployerId == employerId;

    /// <summary>True when a provider user may change a course of this provider.</summary>
    public bool OwnsProvider(string provider) => !IsProvider || string.Equals(Provider, provider, StringComparison.Ordinal);
}
