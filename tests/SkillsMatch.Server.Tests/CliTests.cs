using System.CommandLine;
using Microsoft.EntityFrameworkCore;

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

    [Theory]
    [InlineData("evalute")]
    [InlineData("serv")]
    [InlineData("imprt")]
    public async Task Unknown_verb_exits_with_usage_code_2_and_does_not_serve(string verb)
    {
        var served = false;
        var root = Cli.Create((_, _) =>
        {
            served = true;
            return Task.FromResult(0);
        });

        var exit = await root.Parse([verb, "--urls", "http://127.0.0.1:5999"]).InvokeAsync();

        Assert.Equal(2, exit);
        Assert.False(served);
    }

    [Fact]
    public async Task Configuration_given_as_key_value_still_serves()
    {
        string[]? served = null;
        var root = Cli.Create((args, _) =>
        {
            served = args;
            return Task.FromResult(0);
        });
        Assert.Equal(0, await root.Parse(["Storage:DataDirectory=var2"]).InvokeAsync());
        Assert.Equal(["Storage:DataDirectory=var2"], served!);
    }

    [Fact]
    public async Task Samples_import_into_a_database_with_data_refuses_in_one_line_and_exits_1()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillsmatch-cli-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var root = Cli.Create((_, _) => Task.FromResult(0));
            var storage = new[] { "--Storage:DataDirectory", folder, "--Storage:SeedSamplesOnStart", "false", "--Jobs:Enabled", "false" };
            Assert.Equal(0, await root.Parse(["migrate", .. storage]).InvokeAsync());
            var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Data.SkillsMatchDbContext>()
                .UseSqlite($"Data Source={Path.Combine(folder, "skillsmatch.db")};Pooling=False").Options;
            await using (var db = new Data.SkillsMatchDbContext(options, new FakeClock(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero))))
            {
                db.Employers.Add(new Features.Employers.Employer { Name = "Vorhanden GmbH", Sector = "logistics", MunicipalityAgs = TestData.Bingen });
                await db.SaveChangesAsync();
            }

            int exit;
            var capture = await ConsoleCapture.StartAsync();
            var error = capture.Error;
            try
            {
                exit = await root.Parse(["samples", "import", Features.Samples.SampleFiles.Locate(null), .. storage]).InvokeAsync();
            }
            finally
            {
                await capture.DisposeAsync();
            }

            Assert.Equal(1, exit);
            Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("nicht leer", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Users_add_creates_the_first_admin_with_a_password_shown_once_and_refuses_an_unknown_role()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillsmatch-cli-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var root = Cli.Create((_, _) => Task.FromResult(0));
            var storage = new[] { "--Storage:DataDirectory", folder, "--Storage:SeedSamplesOnStart", "false", "--Jobs:Enabled", "false" };
            int exit, refused;
            var capture = await ConsoleCapture.StartAsync();
            var (output, error) = (capture.Out, capture.Error);
            try
            {
                exit = await root.Parse(["users", "add", "--email", "erste.admin@kreis.example", "--role", "admin", .. storage]).InvokeAsync();
                refused = await root.Parse(["users", "add", "--email", "x@kreis.example", "--role", "chef", .. storage]).InvokeAsync();
            }
            finally
            {
                await capture.DisposeAsync();
            }

            Assert.Equal(0, exit);
            Assert.Equal(2, refused);
            Assert.Contains("role", error.ToString(), StringComparison.Ordinal);
            var password = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"Passwort \(wird nur jetzt angezeigt / shown only now\): (\S+)").Groups[1].Value;
            Assert.Equal(20, password.Length);

            // The printed password is the account's: checked against the stored hash.
            var options = new DbContextOptionsBuilder<Data.SkillsMatchDbContext>()
                .UseSqlite($"Data Source={Path.Combine(folder, "skillsmatch.db")};Pooling=False").Options;
            await using var db = new Data.SkillsMatchDbContext(options, new FakeClock(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero)));
            var user = await db.Users.SingleAsync();
            Assert.Equal("erste.admin@kreis.example", user.Email);
            Assert.NotEqual(password, user.PasswordHash);
            var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<Features.Accounts.AppUser>();
            Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, password));
            var role = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).SingleAsync();
            Assert.Equal("Admin", role);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Report_writes_the_decision_and_fairness_reports_as_files()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillsmatch-cli-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var root = Cli.Create((_, _) => Task.FromResult(0));
            var storage = new[] { "--Storage:DataDirectory", folder, "--Storage:SeedSamplesOnStart", "false", "--Jobs:Enabled", "false" };
            var capture = await ConsoleCapture.StartAsync();
            try
            {
                foreach (var name in new[] { "decisions", "fairness" })
                {
                    var file = Path.Combine(folder, name + ".csv");
                    Assert.Equal(0, await root.Parse(["report", name, "--from", "2027-01-01", "--to", "2027-06-30", "--format", "csv", "--out", file, .. storage]).InvokeAsync());
                    Assert.True(new FileInfo(file).Length > 3, name);
                }

                Assert.Equal(2, await root.Parse(["report", "gossip", "--from", "2027-01-01", "--to", "2027-06-30", .. storage]).InvokeAsync());
            }
            finally
            {
                await capture.DisposeAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
