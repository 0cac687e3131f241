using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Pages.Admin;

/// <summary>Accounts and roles: the list, creating an account (password generated and shown once) and locking, as <c>/api/admin/users</c> does.</summary>
public sealed class UsersModel(SkillsMatchDbContext db, UserAdministration admin, UserManager<AppUser> manager, Access access, TimeProvider clock) : PageModel
{
    public sealed class NewAccount
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public string? Role { get; set; }

        public int? EmployerId { get; set; }

        public string? Caseworker { get; set; }

        public string? Provider { get; set; }
    }

    [BindProperty]
    public NewAccount Input { get; set; } = new();

    public IReadOnlyList<UserResponse> Accounts { get; private set; } = [];

    /// <summary>The account just created, with its generated password (shown this once).</summary>
    public CreatedUserResponse? Created { get; private set; }

    public string? Message { get; private set; }

    public string? CurrentUserId => access.UserId;

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await AccountEndpoints.ListUsersAsync(db, clock, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var request = new UserRequest(Input.Email, Input.Role, Input.EmployerId, Input.Caseworker, Input.Provider, Input.DisplayName, null, null);
        var result = await AccountEndpoints.CreateUserAsync(request, admin, clock, ct);
        switch (result.Result)
        {
            case Created<CreatedUserResponse> created:
                Created = created.Value;
                Input = new NewAccount();
                ModelState.Clear();
                break;
            case ValidationProblem problem:
                CopyErrors(problem);
                break;
        }

        Accounts = await AccountEndpoints.ListUsersAsync(db, clock, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync(string id, bool locked, CancellationToken ct)
    {
        ModelState.Clear();
        var account = (await AccountEndpoints.ListUsersAsync(db, clock, ct)).FirstOrDefault(u => u.Id == id);
        if (account is null)
        {
            return NotFound();
        }

        // The API's change keeps role and scope as they are and sets the lock.
        var request = new UserRequest(account.Email, account.Role, account.EmployerId, account.Caseworker, account.Provider, account.DisplayName, null, locked);
        var result = await AccountEndpoints.UpdateUserAsync(id, request, admin, manager, clock, ct);
        switch (result.Result)
        {
            case Ok<UserResponse>:
                Message = locked
                    ? Texts.Pick($"Das Konto {account.Email} ist gesperrt; seine Sitzungen sind beendet.", $"The account {account.Email} is locked; its sessions have ended.")
                    : Texts.Pick($"Das Konto {account.Email} ist entsperrt.", $"The account {account.Email} is unlocked.");
                break;
            case ValidationProblem problem:
                CopyErrors(problem);
                break;
            case ProblemHttpResult problem:
                ModelState.AddModelError("", problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "");
                break;
        }

        Accounts = await AccountEndpoints.ListUsersAsync(db, clock, ct);
        return Page();
    }

    private void CopyErrors(ValidationProblem problem)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["email"] = "Input.Email", ["role"] = "Input.Role", ["employerId"] = "Input.EmployerId", ["caseworker"] = "Input.Caseworker", ["provider"] = "Input.Provider",
            ["password"] = "",
        };
        problem.CopyTo(ModelState, fields);
    }

    public static string Scope(UserResponse user) => user.Role switch
    {
        Roles.Employer => Texts.Pick($"Arbeitgeber {user.EmployerId}", $"Employer {user.EmployerId}"),
        Roles.Caseworker => Texts.Pick($"Fallbestand {user.Caseworker}", $"Caseload {user.Caseworker}"),
        Roles.TrainingProvider => user.Provider ?? "",
        _ => "–",
    };
}
