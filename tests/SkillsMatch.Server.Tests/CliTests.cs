using System.CommandLine;

namespace SkillsMatch.Server.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var output = new StringWriter();
        var root = Cli.Create((_, _) => Task.FromResult(0));
        var exit = await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = output });
        Assert.Equal(0, exit);
        foreach (var verb in new[] { "serve", "migrate", "data", "samples" })
        {
            Assert.Contains(verb, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_verb_serves_and_passes_host_arguments_on()
    {
        string[]? served = null;
        var root = Cli.Create((args, _) =>
        {
            served = args;
            return Task.FromResult(0);
        });
        await root.Parse(["--urls", "http://127.0.0.1:5999"]).InvokeAsync();
        Assert.Equal(["--urls", "http://127.0.0.1:5999"], served!);
    }
}
