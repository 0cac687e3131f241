using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Features.Accounts;

/// <summary>Section <c>Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Create one demo account per role on start (the embedded default in Development only).</summary>
    public bool DemoAccounts { get; set; }

    /// <summary>The password of every demo account.</summary>
    public string DemoPassword { get; set; } = "Demo-Passwort-1";

    /// <summary>How long an API bearer token is valid.</summary>
    public double BearerTokenMinutes { get; set; } = 60;

    /// <summary>How long a refresh token is valid.</summary>
    public double RefreshTokenDays { get; set; } = 1;
}

/// <summary>
/// Section <c>Authentication:Jwt</c>: tokens of a county identity provider (Keycloak, Entra ID, …),
/// accepted next to the app's own accounts when <see cref="Authority"/> (or, for a shared key,
/// <see cref="SigningKey"/>) is set. See docs/accounts.md.
/// </summary>
public sealed class JwtOptions
{
    public const string Section = "Authentication:Jwt";

    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>A symmetric signing key (at least 32 bytes, UTF-8) for providers that share one; usually empty and the keys come from <see cref="Authority"/>.</summary>
    public string? SigningKey { get; set; }

    public string? Issuer { get; set; }

    /// <summary>The claim that holds the roles (Keycloak: a mapper writes realm roles to <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}

public static class AccountSetup
{
    /// <summary>The default scheme: picks the identity provider's JWT, the app's own bearer token or the sign-in cookie per request.</summary>
    public const string Scheme = "SkillsMatch";

    public const string JwtScheme = "Jwt";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section)
            .Validate(o => o.BearerTokenMinutes is > 0 and <= 60 * 24 * 365 * 200 && o.RefreshTokenDays > 0, "Accounts: BearerTokenMinutes and RefreshTokenDays must be positive.")
            .ValidateOnStart();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        var accounts = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        var jwt = builder.Configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();

        services.AddHttpContextAccessor();
        services.AddScoped<Access>();

        // Keys that protect cookies and bearer tokens live in the database, so every instance reads the same ones.
        services.AddDataProtection().SetApplicationName("SkillsMatch").PersistKeysToDbContext<SkillsMatchDbContext>();

        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SkillsMatchDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ScopedClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<GermanIdentityErrors>();

        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = Scheme;
            options.DefaultChallengeScheme = Scheme;
            options.DefaultForbidScheme = Scheme;
        });
        authentication.AddPolicyScheme(Scheme, "Cookie, bearer token or identity-provider JWT", options =>
            options.ForwardDefaultSelector = context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    // A JWT has three dot-separated parts; the app's own tokens have none.
                    return jwt.Enabled && header.Count(c => c == '.') == 2 ? JwtScheme : IdentityConstants.BearerScheme;
                }

                return IdentityConstants.ApplicationScheme;
            });
        authentication.AddBearerToken(IdentityConstants.BearerScheme, options =>
        {
            options.BearerTokenExpiration = TimeSpan.FromMinutes(accounts.BearerTokenMinutes);
            options.RefreshTokenExpiration = TimeSpan.FromDays(accounts.RefreshTokenDays);
        });
        authentication.AddCookie(IdentityConstants.ApplicationScheme, options =>
        {
            options.Cookie.Name = "skillsmatch";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/login";
            options.AccessDeniedPath = "/access-denied";

            // The API answers 401/403 as problems; only pages redirect to the sign-in page.
            options.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
            options.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        authentication.AddCookie(IdentityConstants.ExternalScheme);
        authentication.AddCookie(IdentityConstants.TwoFactorUserIdScheme);

        if (jwt.Enabled)
        {
            authentication.AddJwtBearer(JwtScheme, options =>
            {
                options.Authority = string.IsNullOrWhiteSpace(jwt.Authority) ? null : jwt.Authority;
                options.Audience = jwt.Audience;
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateAudience = !string.IsNullOrWhiteSpace(jwt.Audience),
                    ValidAudience = jwt.Audience,
                    ValidateIssuer = !string.IsNullOrWhiteSpace(jwt.Issuer) || !string.IsNullOrWhiteSpace(jwt.Authority),
                    ValidIssuer = jwt.Issuer,
                    RoleClaimType = jwt.RoleClaim,
                    NameClaimType = "preferred_username",
                    IssuerSigningKey = string.IsNullOrWhiteSpace(jwt.SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey)),
                };
            });

            // Token lifetimes are checked against the app's clock, like every other date here.
            services.AddOptions<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>(JwtScheme)
                .Configure<TimeProvider>((options, clock) => options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return expires is { } end && end.ToUniversalTime() >= now - parameters.ClockSkew
                        && (notBefore is not { } start || start.ToUniversalTime() <= now + parameters.ClockSkew);
                });
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Employer, p => p.RequireRole(Roles.Employer))
            .AddPolicy(Policies.Caseworker, p => p.RequireRole(Roles.Caseworker))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Provider, p => p.RequireRole(Roles.TrainingProvider))
            .AddPolicy(Policies.Forum, p => p.RequireRole(Roles.Employer, Roles.Caseworker))
            .AddPolicy(Policies.Directory, p => p.RequireRole(Roles.Employer, Roles.Caseworker, Roles.Admin))
            .AddPolicy(Policies.ForumStaff, p => p.RequireRole(Roles.Caseworker, Roles.Admin))
            .AddPolicy(Policies.Courses, p => p.RequireRole(Roles.TrainingProvider, Roles.Caseworker))
            .AddPolicy(Policies.Demand, p => p.RequireRole(Roles.Caseworker, Roles.Planner, Roles.TrainingProvider))
            .AddPolicy(Policies.Reports, p => p.RequireRole(Roles.Planner, Roles.Admin))
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())

            // An endpoint that forgets to say who may call it is for signed-in users only, never anonymous.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddAntiforgery(options =>
        {
            options.HeaderName = "X-CSRF-TOKEN";
            options.Cookie.Name = "skillsmatch-csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddScoped<DemoAccounts>();
        services.AddScoped<UserAdministration>();
        return builder;
    }

    private static Task Challenge(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments("/jobs", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Policy names, one per group of roles an endpoint group admits.</summary>
public static class Policies
{
    public const string Employer = "employer";
    public const string Caseworker = "caseworker";
    public const string Admin = "admin";

    /// <summary>Training providers: their own courses and the demand for them (the provider's pages).</summary>
    public const string Provider = "provider";

    /// <summary>Employers (their own organisation) and caseworkers (the employer service, for everyone).</summary>
    public const string Forum = "forum";

    /// <summary>Who reads employer records: employers (their own), caseworkers, admins (to give employer accounts).</summary>
    public const string Directory = "directory";

    /// <summary>The job centre's staff who run the forum: caseworkers and admins.</summary>
    public const string ForumStaff = "forum-staff";

    /// <summary>Who changes the course catalogue: training providers (their own courses) and caseworkers.</summary>
    public const string Courses = "courses";

    /// <summary>Aggregate training demand: caseworkers, planners and training providers.</summary>
    public const string Demand = "demand";

    /// <summary>Planner reports (demand, commissioning, fairness, decisions): planners and admins.</summary>
    public const string Reports = "reports";

    public const string SignedIn = "signed-in";
}

/// <summary>Adds the scope claims (organisation, caseload, provider) of a user to their sign-in.</summary>
internal sealed class ScopedClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.EmployerId is { } employer)
        {
            identity.AddClaim(new Claim(ScopeClaims.Employer, employer.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrEmpty(user.Caseworker))
        {
            identity.AddClaim(new Claim(ScopeClaims.Caseworker, user.Caseworker));
        }

        if (!string.IsNullOrEmpty(user.Provider))
        {
            identity.AddClaim(new Claim(ScopeClaims.Provider, user.Provider));
        }

        return identity;
    }
}
