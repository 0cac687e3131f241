using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace SkillsMatch.Server.Tests;

/// <summary>Forwarded headers count only when enabled, and only from a configured proxy.</summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData(null, null, "http 10.1.2.3")]
    [InlineData("true", "10.0.0.0/8", "https 203.0.113.7")]
    [InlineData("true", "192.168.0.0/16", "http 10.1.2.3")]
    public async Task Scheme_and_client_address_come_from_a_trusted_proxy_only(string? enabled, string? network, string expected)
    {
        using var factory = new ProxyFactory(enabled, network);
        var request = new HttpRequestMessage(HttpMethod.Get, "/_test/connection");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    private sealed class ProxyFactory(string? enabled, string? network) : SkillsMatchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (enabled is not null)
            {
                builder.UseSetting("ForwardedHeaders:Enabled", enabled);
                builder.UseSetting("ForwardedHeaders:KnownNetworks:0", network);
            }

            // The request arrives from 10.1.2.3 (the proxy); after the app's pipeline, an echo of what it made of it.
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new Echo()));
        }
    }

    private sealed class Echo : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
                return nextMiddleware(context);
            });
            next(app);
            app.Map("/_test/connection", echo => echo.Run(context => context.Response.WriteAsync($"{context.Request.Scheme} {context.Connection.RemoteIpAddress}")));
        };
    }
}
