using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SkillsMatch.Server.Tests;

public sealed class DashboardTests(SkillsMatchFactory factory) : IClassFixture<SkillsMatchFactory>
{
    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("203.0.113.7", HttpStatusCode.Unauthorized)]
    public async Task Jobs_dashboard_answers_local_requests_only(string remote, HttpStatusCode expected)
    {
        using var client = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse(remote))))).CreateClient();

        var response = await client.GetAsync("/jobs");

        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>Makes every request come from the given address, as Kestrel would report it.</summary>
    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
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
