using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Tests;

/// <summary>Every request comes from the loopback address, as behind a reverse proxy on the same host.</summary>
public sealed class LoopbackFactory : SkillsMatchFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new DashboardTests.RemoteAddress(IPAddress.Loopback)));
    }
}

public sealed class DashboardTests(LoopbackFactory factory) : IClassFixture<LoopbackFactory>
{
    [Fact]
    public async Task Jobs_dashboard_refuses_anonymous_and_every_role_but_admin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateAnonymousClient().GetAsync("/jobs")).StatusCode);
        foreach (var role in new[] { Roles.Caseworker, Roles.Planner, Roles.TrainingProvider })
        {
            var client = role == Roles.Caseworker ? factory.CreateClient() : factory.CreateClientAs(role, provider: role == Roles.TrainingProvider ? "Träger" : null);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/jobs")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientAs(Roles.Admin).GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task Being_local_no_longer_admits_anyone()
    {
        // Behind a reverse proxy on the same host every request is "local"; that must not let anyone in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateAnonymousClient().GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateAnonymousClient().GetAsync("/jobs/recurring")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_refuses_a_cross_site_post_from_a_signed_in_admin_and_accepts_its_own_form()
    {
        // An admin signed in with the cookie, as in a browser.
        await factory.EnsureUserAsync("dashboard-admin@tests.example", Roles.Admin, new UserScope(null, null, null));
        var browser = factory.CreateAnonymousClient();
        var signIn = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = "dashboard-admin@tests.example", password = SkillsMatchFactory.TestPassword });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/jobs/recurring")).StatusCode);

        // A foreign page's form: the cookie goes along (a browser without SameSite), the token does not.
        var forged = await browser.PostAsync("/jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "rematch")]));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        // The dashboard's own page carries the antiforgery token in its header.
        var page = await (await browser.GetAsync("/jobs/recurring")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        var header = System.Text.RegularExpressions.Regex.Match(page, "<meta name=\"csrf-header\" content=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the dashboard page carries an antiforgery token");
        // Hangfire keeps its log provider in a process-wide static that every test app sets; one
        // disposed by a test running in parallel would fail this request with 500. Point it at this app.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(
            factory.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        using var own = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/trigger") { Content = new FormUrlEncodedContent([new("jobs[]", "rematch")]) };
        own.Headers.Add(header, token);
        var accepted = await browser.SendAsync(own);
        Assert.NotEqual(HttpStatusCode.Forbidden, accepted.StatusCode);
        Assert.True(accepted.IsSuccessStatusCode, $"{(int)accepted.StatusCode}");
    }

    /// <summary>Makes every request come from the given address, as Kestrel would report it.</summary>
    internal sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                context.Connection.LocalIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
