using System.ComponentModel;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Accounts;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record MeResponse(string UserId, string? Email, string? Role, int? EmployerId, string? Caseworker, string? Provider);

public sealed record AntiforgeryResponse(string HeaderName, string Token);

public sealed record UserRequest(string? Email, string? Role, int? EmployerId, string? Caseworker, string? Provider, string? DisplayName, string? Password, bool? Locked);

public sealed record UserResponse(string Id, string? Email, string? DisplayName, string? Role, int? EmployerId, string? Caseworker, string? Provider, bool Locked, DateTimeOffset CreatedAt);

/// <summary>A created account; the password is shown once, when it was generated.</summary>
public sealed record CreatedUserResponse(UserResponse User, string? GeneratedPassword);

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Accounts");

        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (
            [FromBody] LoginRequest login, [Description("true: a sign-in cookie for the web pages instead of a bearer token.")] bool? useCookies, SignInManager<AppUser> signIn) =>
        {
            signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
            var result = string.IsNullOrEmpty(login.Email) || string.IsNullOrEmpty(login.Password)
                ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                : await signIn.PasswordSignInAsync(login.Email, login.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Texts.Pick("Konto gesperrt.", "Account locked."),
                    detail: Texts.Pick("Nach zu vielen Fehlversuchen ist das Konto für 15 Minuten gesperrt.", "After too many failed attempts the account is locked for 15 minutes."));
            }

            if (!result.Succeeded)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Texts.Pick("Anmeldung fehlgeschlagen.", "Sign-in failed."),
                    detail: Texts.Pick("E-Mail-Adresse oder Passwort stimmen nicht.", "E-mail address or password is wrong."));
            }

            // The sign-in manager has written the bearer token (JSON) or the cookie already.
            return TypedResults.Empty;
        })
        .AllowAnonymous()
        .RequireRateLimiting(RateLimits.SignIn)
        .Produces<AccessTokenResponse>()
        .WithSummary("Sign in: a bearer token for the API, or a cookie for the web pages.");

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, UnauthorizedHttpResult>> (
            [FromBody] RefreshRequest refresh, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock) =>
        {
            var ticket = string.IsNullOrEmpty(refresh.RefreshToken) ? null : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(refresh.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        })
        .AllowAnonymous()
        .RequireRateLimiting(RateLimits.SignIn)
        .Produces<AccessTokenResponse>()
        .WithSummary("A new bearer token for a refresh token.");

        auth.MapPost("/logout", async Task<NoContent> (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.SignedIn).WithSummary("Sign out (ends the cookie session).");

        auth.MapGet("/me", Ok<MeResponse> (Access access) =>
            TypedResults.Ok(new MeResponse(access.UserId ?? "", access.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? access.User.Identity?.Name, access.Role, access.EmployerId, access.Caseworker, access.Provider)))
            .RequireAuthorization(Policies.SignedIn).WithSummary("Who is signed in, with role and scope.");

        auth.MapGet("/antiforgery", Ok<AntiforgeryResponse> (IAntiforgery antiforgery, HttpContext http) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new AntiforgeryResponse(tokens.HeaderName!, tokens.RequestToken!));
        }).RequireAuthorization(Policies.SignedIn).WithSummary("The token a cookie-signed-in page sends in X-CSRF-TOKEN with every change.");

        MapUsers(routes.MapGroup("/api/admin/users").WithTags("Accounts").RequireAuthorization(Policies.Admin));
    }

    private static void MapUsers(RouteGroupBuilder users)
    {
        users.MapGet("/", async Task<Ok<List<UserResponse>>> (SkillsMatchDbContext db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await ListUsersAsync(db, clock, ct))).WithSummary("All accounts with role and scope.");

        users.MapPost("/", ([FromBody] UserRequest request, UserAdministration admin, TimeProvider clock, CancellationToken ct) => CreateUserAsync(request, admin, clock, ct))
            .WithSummary("Create an account; without a password one is generated and shown once.");

        users.MapPut("/{id}", UpdateUserAsync).WithSummary("Change an account's role, scope or lock; its sessions end.");

        users.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, UserAdministration admin, UserManager<AppUser> manager, Access access) =>
        {
            if (await manager.FindByIdAsync(id) is not { } user)
            {
                return Problems.NotFound(Texts.Pick("Konto", "account"), Problems.Shown(id));
            }

            if (user.Id == access.UserId)
            {
                return Problems.Conflict(Texts.Pick("Das eigene Konto kann nicht gelöscht werden.", "You cannot delete your own account."));
            }

            await admin.DeleteAsync(user);
            return TypedResults.NoContent();
        }).WithSummary("Delete an account.");
    }

    /// <summary>All accounts with role and scope (the API and the web page).</summary>
    internal static async Task<List<UserResponse>> ListUsersAsync(SkillsMatchDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.First().Name);
        return [.. rows.Select(u => ToResponse(u, roleOf.GetValueOrDefault(u.Id), clock.GetUtcNow()))];
    }

    /// <summary>Creates an account; without a password one is generated and returned once.</summary>
    internal static async Task<Results<Created<CreatedUserResponse>, ValidationProblem>> CreateUserAsync(UserRequest request, UserAdministration admin, TimeProvider clock, CancellationToken ct)
    {
        var scope = new UserScope(request.EmployerId, request.Caseworker, request.Provider);
        var problems = await admin.CheckAsync(request.Role, scope, ct);
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            problems.Add("email", Texts.Pick("Die E-Mail-Adresse fehlt.", "The e-mail address is missing."));
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var generated = string.IsNullOrEmpty(request.Password) ? UserAdministration.GeneratePassword() : null;
        var result = await admin.CreateAsync(request.Email!.Trim(), request.Role!, scope, request.Password ?? generated!, request.DisplayName);
        if (!result.Succeeded)
        {
            return Failed(result);
        }

        var user = (await admin.FindAsync(request.Email.Trim()))!;
        return TypedResults.Created($"/api/admin/users/{user.Id}", new CreatedUserResponse(ToResponse(user, Roles.Parse(request.Role), clock.GetUtcNow()), generated));
    }

    /// <summary>Changes an account's role, scope or lock; its sessions end.</summary>
    internal static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> UpdateUserAsync(
        string id, [FromBody] UserRequest request, UserAdministration admin, UserManager<AppUser> manager, TimeProvider clock, CancellationToken ct)
    {
        if (await manager.FindByIdAsync(id) is not { } user)
        {
            return Problems.NotFound(Texts.Pick("Konto", "account"), Problems.Shown(id));
        }

        var scope = new UserScope(request.EmployerId, request.Caseworker, request.Provider);
        var problems = await admin.CheckAsync(request.Role, scope, ct);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var result = await admin.UpdateAsync(user, request.Role!, scope, request.Locked);
        return result.Succeeded ? TypedResults.Ok(ToResponse(user, Roles.Parse(request.Role), clock.GetUtcNow())) : Failed(result);
    }

    private static ValidationProblem Failed(IdentityResult result)
    {
        var problems = new ProblemBuilder();
        foreach (var error in result.Errors)
        {
            problems.Add(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
        }

        return problems.ToProblem();
    }

    private static UserResponse ToResponse(AppUser user, string? role, DateTimeOffset now) =>
        new(user.Id, user.Email, user.DisplayName, role, user.EmployerId, user.Caseworker, user.Provider, user.LockoutEnd > now, user.CreatedAt);
}
