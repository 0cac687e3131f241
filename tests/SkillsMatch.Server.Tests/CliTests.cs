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
    public async Task Server_imports_samples_but_does_not_carry_the_generator()
    {
        var output = new StringWriter();
        var exit = await Cli.Create((_, _) => Task.FromResult(0)).Parse(["samples", "--help"]).InvokeAsync(new InvocationConfiguration { Output = output });
        Assert.Equal(0, exit);
        Assert.Contains("import", output.ToString(), StringComparison.Ordinal);
        var samples = Cli.Create((_, _) => Task.FromResult(0)).Subcommands.Single(c => c.Name == "samples");
        Assert.Equal(["import"], samples.Subcommands.Select(c => c.Name));
        Assert.DoesNotContain(typeof(Program).Assembly.GetTypes(), t => t.Name.StartsWith("SampleGenerator", StringComparison.Ordinal));
        Assert.Equal("SkillsMatch.Samples", typeof(Samples.SampleGenerator).Namespace);
    }

    [Fact]
    public async Task Generator_command_writes_the_files_the_server_imports()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillsmatch-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var exit = await Samples.SamplesCommand.Create().Parse(["generate", "--seed", "7", "--clients", "50", "--out", folder]).InvokeAsync();
            Assert.Equal(0, exit);
            Assert.True(File.Exists(Path.Combine(folder, "clients.csv")));
            Assert.Equal(51, File.ReadAllLines(Path.Combine(folder, "clients.csv")).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
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
