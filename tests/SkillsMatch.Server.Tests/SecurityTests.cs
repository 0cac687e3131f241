using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Tests;

public sealed class SecurityTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    [Fact]
    public async Task Answers_carry_security_headers_and_personal_data_is_never_cached()
    {
        var response = await factory.CreateClient().GetAsync("/api/clients");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.False(response.Headers.Contains("Server"));

        // Kestrel, which the tests do not run, is told not to announce itself either.
        Assert.False(factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Fact]
    public async Task Outside_Development_only_the_configured_host_names_are_answered()
    {
        using var production = factory.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var http = production.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/health");
        foreign.Headers.Host = "skillsmatch.evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(foreign)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_requests_get_a_German_401_problem()
    {
        var response = await factory.CreateAnonymousClient().GetAsync("/api/needs");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Anmeldung erforderlich.", (await response.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        await factory.EnsureUserAsync("lockout@tests.example", Roles.Planner, new UserScope(null, null, null));
        var http = factory.CreateAnonymousClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await http.PostAsJsonAsync("/api/auth/login", new { email = "lockout@tests.example", password = "Falsches-Passwort-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await http.PostAsJsonAsync("/api/auth/login", new { email = "lockout@tests.example", password = SkillsMatchFactory.TestPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal("Konto gesperrt.", (await right.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_change_with_the_sign_in_cookie_needs_the_antiforgery_token()
    {
        await factory.EnsureUserAsync("cookie-caseworker@tests.example", Roles.Caseworker, new UserScope(null, "IFK-01", null));
        var browser = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = "cookie-caseworker@tests.example", password = SkillsMatchFactory.TestPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/clients")).StatusCode);
        var before = await factory.StateAsync();

        var forged = await browser.PostAsJsonAsync("/api/employers", TestData.Employer());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, await factory.StateAsync());

        var token = await (await browser.GetAsync("/api/auth/antiforgery")).JsonAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/employers") { Content = JsonContent.Create(TestData.Employer()) };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Me_names_role_and_scope_and_a_refresh_token_gives_a_new_access_token()
    {
        await factory.EnsureUserAsync("refresh@tests.example", Roles.Caseworker, new UserScope(null, "IFK-03", null));
        var http = factory.CreateAnonymousClient();
        var tokens = await (await http.PostAsJsonAsync("/api/auth/login", new { email = "refresh@tests.example", password = SkillsMatchFactory.TestPassword })).JsonAsync();
        var refreshed = await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await refreshed.JsonAsync()).GetProperty("accessToken").GetString());
        var me = await (await http.GetAsync("/api/auth/me")).JsonAsync();
        Assert.Equal(Roles.Caseworker, me.GetProperty("role").GetString());
        Assert.Equal("IFK-03", me.GetProperty("caseworker").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "kaputt" })).StatusCode);
    }

    [Fact]
    public async Task Admin_creates_an_account_whose_generated_password_signs_in_and_a_role_change_ends_its_tokens()
    {
        var admin = factory.CreateClientAs(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/admin/users", new { email = "neu@tests.example", role = "planner" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var password = body.GetProperty("generatedPassword").GetString()!;
        var user = body.GetProperty("user");
        Assert.Equal(Roles.Planner, user.GetProperty("role").GetString());

        var http = factory.CreateAnonymousClient();
        var login = await (await http.PostAsJsonAsync("/api/auth/login", new { email = "neu@tests.example", password })).JsonAsync();
        var refresh = login.GetProperty("refreshToken").GetString();
        Assert.Equal(["employerId"], await (await admin.PutAsJsonAsync($"/api/admin/users/{user.GetProperty("id").GetString()}", new { role = "Employer" })).ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/users/{user.GetProperty("id").GetString()}", new { role = "Admin" })).StatusCode);

        // The new security stamp invalidates the refresh token issued under the old role.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);
        Assert.Equal(["role"], await (await admin.PostAsJsonAsync("/api/admin/users", new { email = "x@tests.example", role = "Chef" })).ProblemFieldsAsync());
        Assert.Equal(["password"], await (await admin.PostAsJsonAsync("/api/admin/users", new { email = "y@tests.example", role = "Planner", password = "kurz" })).ProblemFieldsAsync());
    }
}

/// <summary>Five requests a minute per user and address; the sixth is refused.</summary>
public sealed class RateLimitedFactory : SkillsMatchFactory
{
    protected override int RateLimit => 5;
}

public sealed class RateLimitTests(RateLimitedFactory factory) : IClassFixture<RateLimitedFactory>
{
    [Fact]
    public async Task Beyond_the_limit_requests_get_429_with_Retry_After_and_a_German_problem()
    {
        // Signing in used one of the address's permits already; the rest of the window runs out below.
        var http = factory.CreateClient();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await http.GetAsync("/api/vocabulary");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Zu viele Anfragen.", (await refused.JsonAsync()).GetProperty("title").GetString());
    }
}

/// <summary>Accepts tokens of a county identity provider that signs with a shared key.</summary>
public sealed class IdentityProviderFactory : SkillsMatchFactory
{
    public const string Key = "a-test-signing-key-of-at-least-32-bytes!";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Authentication:Jwt:SigningKey", Key);
        builder.UseSetting("Authentication:Jwt:Issuer", "https://idp.kreis.example/realms/jobcenter");
        builder.UseSetting("Authentication:Jwt:Audience", "skillsmatch");
    }
}

public sealed class IdentityProviderTests(IdentityProviderFactory factory) : IClassFixture<IdentityProviderFactory>
{
    [Fact]
    public async Task A_token_of_the_county_identity_provider_signs_in_with_its_role_and_scope()
    {
        var http = factory.CreateAnonymousClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token(Roles.Caseworker, IdentityProviderFactory.Key, ("skillsmatch:caseworker", "IFK-04")));
        var me = await (await http.GetAsync("/api/auth/me")).JsonAsync();
        Assert.Equal(Roles.Caseworker, me.GetProperty("role").GetString());
        Assert.Equal("IFK-04", me.GetProperty("caseworker").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/clients")).StatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", Token(Roles.Employer, IdentityProviderFactory.Key));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/clients")).StatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", Token(Roles.Caseworker, "another-key-that-is-also-32-bytes-long!!"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/clients")).StatusCode);

        // The app's own accounts keep working next to it.
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/clients")).StatusCode);
    }

    private string Token(string role, string key, params (string Type, string Value)[] claims)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var payload = new Dictionary<string, object>
        {
            ["sub"] = Guid.NewGuid().ToString(),
            ["preferred_username"] = "sachbearbeitung",
            ["roles"] = new[] { role },
        };
        foreach (var (type, value) in claims)
        {
            payload[type] = value;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://idp.kreis.example/realms/jobcenter",
            Audience = "skillsmatch",
            Claims = payload,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddYears(100),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
