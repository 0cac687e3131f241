using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace SkillsMatch.Server.Api;

/// <summary>
/// Behind a reverse proxy: trust <c>X-Forwarded-For/-Proto/-Host</c> from the proxies and networks
/// listed here, and from nobody else. Off by default. Section <c>ForwardedHeaders</c>.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>172.16.0.0/12</c> for a compose network.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool IsValid() =>
        KnownProxies.All(p => IPAddress.TryParse(p, out _)) && KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _));
}

internal static class ForwardedHeadersSetup
{
    public static void AddForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(o => o.IsValid(), "ForwardedHeaders: KnownProxies must be IP addresses and KnownNetworks CIDR networks (10.0.0.0/8).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((options, proxy) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

            // Only the configured proxies are trusted; the loopback defaults are replaced, not extended.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in proxy.Value.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxy.Value.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    public static void UseForwardedHeadersWhenEnabled(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }
    }
}
