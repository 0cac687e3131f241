using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace SkillsMatch.Server.Tests;

/// <summary>Only Development seeds the sample county by default; any other environment starts empty unless configured.</summary>
public sealed class SeedingTests
{
    [Fact]
    public async Task Production_starts_with_an_empty_database_and_stays_empty()
    {
        using var factory = new EnvironmentFactory("Production");
        var http = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal(0, (await factory.StateAsync()).Clients);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Employers.CountAsync()));
    }

    [Fact]
    public async Task Development_seeds_the_sample_county_on_first_start()
    {
        using var factory = new EnvironmentFactory("Development");
        factory.CreateClient();

        var state = await factory.StateAsync();
        Assert.Equal(4000, state.Clients);
        Assert.True(state.Needs > 0 && state.Courses > 0);
    }

    [Fact]
    public async Task Production_seeds_only_when_configured_explicitly()
    {
        using var factory = new EnvironmentFactory("Production", seed: true);
        factory.CreateClient();

        Assert.Equal(4000, (await factory.StateAsync()).Clients);
    }

    private sealed class EnvironmentFactory(string environment, bool? seed = null) : SkillsMatchFactory
    {
        protected override bool? SeedSamples => seed;

        protected override string Environment => environment;
    }

    /// <summary>
    /// Issue 10: while the first start seeds (seconds), the service already listens: /health says
    /// 503 "Starting" and the API 503 with Retry-After and a problem, then both answer normally.
    /// The first requests come milliseconds after the start, well inside the seeding.
    /// </summary>
    [Fact]
    public async Task While_seeding_health_and_api_answer_503_starting_then_normally()
    {
        using var factory = new StartingFactory();

        // No sign-in while the import holds the database: the gate answers before authentication.
        var http = factory.CreateAnonymousClient();
        var gate = factory.Services.GetRequiredService<SkillsMatch.Server.Data.StartupGate>();

        var health = await http.GetAsync("/health");
        var api = await http.GetAsync("/api/needs");
        var readyBefore = gate.IsReady;

        Assert.False(readyBefore, "seeding finished before the first request; the test saw nothing");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Starting", await health.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(api.Headers.RetryAfter);

        await gate.Ready.WaitAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync("/api/needs")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/needs")).StatusCode);
    }

    private sealed class StartingFactory : SkillsMatchFactory
    {
        protected override bool? SeedSamples => true;

        protected override bool WaitUntilReady => false;
    }
}
