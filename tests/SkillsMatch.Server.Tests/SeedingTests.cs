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
}
