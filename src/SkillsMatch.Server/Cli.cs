using System.CommandLine;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Server;

/// <summary>The command-line verbs of <c>skillsmatch</c>; with no verb it serves.</summary>
public static partial class Cli
{
    public static RootCommand Create(Func<string[], CancellationToken, Task<int>> serve)
    {
        var root = new RootCommand("SkillsMatch: skills-demand matching for a job centre's Kompetenzforum. With no verb, serves the API.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parse, ct) => parse.UnmatchedTokens is [var first, ..] && LooksLikeVerb(first)
            ? Task.FromResult(UnknownVerb(first, root))
            : serve([.. parse.UnmatchedTokens], ct));

        var serveCommand = new Command("serve", "Serve the forum API (the default).") { TreatUnmatchedTokensAsErrors = false };
        serveCommand.SetAction((parse, ct) => serve([.. parse.UnmatchedTokens], ct));
        root.Subcommands.Add(serveCommand);

        var migrate = new Command("migrate", "Apply database migrations, then exit.") { TreatUnmatchedTokensAsErrors = false };
        migrate.SetAction(async (parse, ct) =>
        {
            await using var host = BuildHost([.. parse.UnmatchedTokens]);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            await MigrateAsync(host, db, ct);
            Console.WriteLine($"Migrated: {db.Database.GetAppliedMigrations().Count()} migrations applied.");
            return 0;
        });
        root.Subcommands.Add(migrate);

        var rematch = new Command("rematch", "Rank every open need afresh and store its shortlist (what the nightly job does), then exit.") { TreatUnmatchedTokensAsErrors = false };
        rematch.SetAction(async (parse, ct) =>
        {
            await using var host = BuildHost([.. parse.UnmatchedTokens]);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            await MigrateAsync(host, db, ct);
            var jobs = scope.ServiceProvider.GetRequiredService<Features.Jobs.MatchingJobs>();

            // The first run also builds the candidate index from the database; the second is what the nightly job costs.
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var needs = await jobs.RematchAsync(ct);
            var first = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            await jobs.RematchAsync(ct);
            var second = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Rematched {needs} open needs: {first:F0} ms with the index build, {second:F0} ms with the index built."));
            return 0;
        });
        root.Subcommands.Add(rematch);

        root.Subcommands.Add(DataCommand());
        root.Subcommands.Add(TrainCommand());
        root.Subcommands.Add(EvaluateCommand());
        root.Subcommands.Add(SamplesCommand());
        root.Subcommands.Add(UsersCommand());
        root.Subcommands.Add(ReportCommand());
        root.Subcommands.Add(ImportCommand());
        root.Subcommands.Add(ExportCommand());
        return root;
    }

    /// <summary>
    /// The first token left over with no verb is a verb when it is a plain word: configuration
    /// comes as <c>--Key value</c>, <c>--Key=value</c> or <c>Key=value</c>, never as a bare word,
    /// so a misspelt verb (<c>evalute</c>) no longer starts the server and creates a database.
    /// </summary>
    private static bool LooksLikeVerb(string token) => !token.StartsWith('-') && !token.StartsWith('/') && !token.Contains('=', StringComparison.Ordinal);

    /// <summary>Exit code 2 (usage), the nearest verb when one is close, and the list of verbs.</summary>
    private static int UnknownVerb(string token, RootCommand root)
    {
        var verbs = root.Subcommands.Select(c => c.Name).ToArray();
        var nearest = verbs.MinBy(v => Distance(v, token.ToLowerInvariant()));
        Console.Error.WriteLine($"Unbekannter Befehl „{token}“ (unknown command).{(nearest is not null && Distance(nearest, token.ToLowerInvariant()) <= 2 ? $" Meinten Sie „{nearest}“?" : "")}");
        Console.Error.WriteLine($"Befehle: {string.Join(", ", verbs)}. Hilfe: skillsmatch --help");
        return 2;
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static Command DataCommand()
    {
        var source = new Option<DirectoryInfo>("--source") { Description = "The shared reference data folder (holding esco/ and regions/).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "The project's data/ folder.", DefaultValueFactory = _ => new DirectoryInfo("data") };
        var build = new Command("build", "Regenerate data/esco and data/regions from the original ESCO and Destatis files.") { source, output };
        build.SetAction(parse =>
        {
            var from = parse.GetValue(source)!.FullName;
            var to = parse.GetValue(output)!.FullName;
            var summary = EscoTaxonomyBuilder.Build(Path.Combine(from, "esco"), Path.Combine(to, "esco"));
            Console.WriteLine($"ESCO: {summary.Skills} skills, {summary.Groups} skill groups, {summary.Occupations} occupations, " +
                $"{summary.OccupationSkillRelations} occupation-skill and {summary.SkillSkillRelations} skill-skill relations.");
            var municipalities = RegionCatalog.BuildFromSource(Path.Combine(from, "regions", "gemeinden_region_rheinhessen_rheingau.csv"), to);
            Console.WriteLine($"Regions: {municipalities} municipalities.");
            var started = System.Diagnostics.Stopwatch.StartNew();
            var reference = ReferenceData.Load(to);
            Console.WriteLine($"Loaded back in {started.ElapsedMilliseconds} ms: {reference.Taxonomy.Skills.Count} concepts, {reference.Vocabulary.Synonyms.Count} synonyms.");
            return 0;
        });
        return new Command("data", "Reference data shipped in data/.") { build };
    }

    private static Command SamplesCommand()
    {
        var folderArgument = new Argument<DirectoryInfo>("folder") { Description = "Folder with the sample CSV files.", DefaultValueFactory = _ => new DirectoryInfo("samples") };
        var import = new Command("import", "Import a folder of sample CSV files into the database, all or nothing.") { folderArgument };
        import.TreatUnmatchedTokensAsErrors = false;
        import.SetAction(async (parse, ct) =>
        {
            await using var host = BuildHost([.. parse.UnmatchedTokens]);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            await MigrateAsync(host, db, ct);
            if (await db.Employers.AnyAsync(ct) || await db.Clients.AnyAsync(ct) || await db.Courses.AnyAsync(ct))
            {
                Console.Error.WriteLine("Nichts importiert: die Datenbank ist nicht leer; Beispieldaten kommen nur in eine leere Datenbank (nothing imported: the database is not empty).");
                return 1;
            }

            try
            {
                var counts = await scope.ServiceProvider.GetRequiredService<SampleImporter>().ImportAsync(parse.GetValue(folderArgument)!.FullName, ct);
                Console.WriteLine($"Imported {counts}.");
                return 0;
            }
            catch (CsvImportException e)
            {
                Console.Error.WriteLine("Nothing was imported:");
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return new Command("samples", "Sample data in samples/ (generated by src/SkillsMatch.Samples).") { import };
    }

    /// <summary><c>import catalogue FILE</c>: a provider's catalogue (CSV, or JSON when the file ends in .json), all or nothing, upserted by provider course id.</summary>
    private static async Task<int> ImportCatalogueAsync(FileInfo path, string[] unmatched, CancellationToken ct)
    {
        if (!path.Exists)
        {
            Console.Error.WriteLine($"Datei nicht gefunden (file not found): {path.FullName}");
            return 2;
        }

        await using var host = BuildHost(unmatched);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
        await MigrateAsync(host, db, ct);
        var importer = scope.ServiceProvider.GetRequiredService<Features.Courses.CatalogueImporter>();
        Features.Bulk.BulkResult result;
        await using (var stream = path.OpenRead())
        {
            result = path.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
                ? await importer.ImportJsonAsync(
                    await System.Text.Json.JsonSerializer.DeserializeAsync<List<Features.Courses.CatalogueRow>>(stream, System.Text.Json.JsonSerializerOptions.Web, ct) ?? [], _ => true, ct)
                : await importer.ImportCsvAsync(stream, _ => true, ct);
        }

        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine(error);
        }

        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(result.Imported ? "Imported" : "Nothing imported:")} catalogue: {result.Rows} rows, {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged, {result.Invalid} invalid."));
        return result.Imported ? 0 : 1;
    }

    private static Command ImportCommand()
    {
        var entityArgument = new Argument<string>("entity") { Description = "employers, forum-rounds, needs, clients, courses or outcomes; or catalogue (a provider's course catalogue, docs/training.md)." };
        var fileArgument = new Argument<FileInfo>("file") { Description = "The CSV file, in the format of the export (and of samples/)." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the valid rows and report the rest, instead of importing nothing." };
        var import = new Command("import", "Import one entity's CSV file: upsert by id, all rows or none; progress on stderr.") { entityArgument, fileArgument, skipInvalid };
        import.TreatUnmatchedTokensAsErrors = false;
        import.SetAction(async (parse, ct) =>
        {
            if (string.Equals(parse.GetValue(entityArgument), Features.Courses.CatalogueImporter.File, StringComparison.OrdinalIgnoreCase))
            {
                return await ImportCatalogueAsync(parse.GetValue(fileArgument)!, [.. parse.UnmatchedTokens], ct);
            }

            if (!Features.Bulk.BulkEntities.TryParse(parse.GetValue(entityArgument), out var entity))
            {
                Console.Error.WriteLine($"Unbekannte Datenart „{parse.GetValue(entityArgument)}“: employers, forum-rounds, needs, clients, courses oder outcomes.");
                return 2;
            }

            var path = parse.GetValue(fileArgument)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"Datei nicht gefunden (file not found): {path.FullName}");
                return 2;
            }

            await using var host = BuildHost([.. parse.UnmatchedTokens]);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            await MigrateAsync(host, db, ct);
            var importer = scope.ServiceProvider.GetRequiredService<Features.Bulk.BulkImporter>();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            long reported = 0;
            void Progress(long rows)
            {
                if (rows - reported >= 50_000)
                {
                    reported = rows;
                    var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
                    Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {rows:N0} rows, {seconds:F1} s, {rows / Math.Max(seconds, 0.001):N0} rows/s"));
                }
            }

            Features.Bulk.BulkResult result;
            await using (var stream = path.OpenRead())
            {
                try
                {
                    result = await importer.ImportAsync(entity, stream, parse.GetValue(skipInvalid), null, Progress, ct);
                }
                catch (CsvImportException e)
                {
                    Console.Error.WriteLine("Nothing was imported:");
                    Console.Error.WriteLine(e.Message);
                    return 1;
                }
            }

            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error);
            }

            if (result.Invalid > result.Errors.Count)
            {
                Console.Error.WriteLine($"… and more: {result.Invalid} invalid rows in all; the first {result.Errors.Count} errors are shown.");
            }

            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{(result.Imported ? "Imported" : "Nothing imported:")} {Features.Bulk.BulkEntities.Name(entity)}: {result.Rows} rows, {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged, {result.Invalid} invalid; {elapsed:F1} s (reading {importer.Timings.Read.TotalSeconds:F1} s, checking {importer.Timings.Check.TotalSeconds:F1} s, writing {importer.Timings.Write.TotalSeconds:F1} s)."));
            return result.Imported ? 0 : 1;
        });
        return import;
    }

    private static Command ExportCommand()
    {
        var entityArgument = new Argument<string>("entity") { Description = "employers, forum-rounds, needs, clients, courses or outcomes." };
        var output = new Option<FileInfo>("--out") { Description = "The CSV file to write.", Required = true };
        var export = new Command("export", "Write one entity as CSV in the import format (formula cells neutralised with a leading ').") { entityArgument, output };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction(async (parse, ct) =>
        {
            if (!Features.Bulk.BulkEntities.TryParse(parse.GetValue(entityArgument), out var entity))
            {
                Console.Error.WriteLine($"Unbekannte Datenart „{parse.GetValue(entityArgument)}“: employers, forum-rounds, needs, clients, courses oder outcomes.");
                return 2;
            }

            await using var host = BuildHost([.. parse.UnmatchedTokens]);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            await MigrateAsync(host, db, ct);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            long rows;
            await using (var file = parse.GetValue(output)!.Create())
            {
                rows = await scope.ServiceProvider.GetRequiredService<Features.Bulk.BulkExporter>().ExportAsync(entity, file, null, ct);
            }

            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Exported {rows} {Features.Bulk.BulkEntities.Name(entity)} to {parse.GetValue(output)!.FullName} in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s."));
            return 0;
        });
        return export;
    }

    private static Command UsersCommand()
    {
        var email = new Option<string>("--email") { Description = "The account's e-mail address (its sign-in name).", Required = true };
        var role = new Option<string>("--role") { Description = "Employer, Caseworker, TrainingProvider, Planner or Admin.", Required = true };
        var employer = new Option<int?>("--employer") { Description = "For Employer: the employer id." };
        var caseworker = new Option<string?>("--caseworker") { Description = "For Caseworker: the caseload code (as in a client's caseworker field)." };
        var provider = new Option<string?>("--provider") { Description = "For TrainingProvider: the provider name (as in a course's provider field)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of generating one." };
        var add = new Command("add", "Create an account; without --password-stdin a password is generated and printed once.") { email, role, employer, caseworker, provider, passwordStdin };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction(async (parse, ct) =>
        {
            await using var host = BuildHost([.. parse.UnmatchedTokens]);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            await MigrateAsync(host, db, ct);
            var admin = scope.ServiceProvider.GetRequiredService<Features.Accounts.UserAdministration>();
            var userScope = new Features.Accounts.UserScope(parse.GetValue(employer), parse.GetValue(caseworker), parse.GetValue(provider));
            var problems = await admin.CheckAsync(parse.GetValue(role), userScope, ct);
            if (problems.HasErrors)
            {
                foreach (var (field, messages) in problems.Errors)
                {
                    Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
                }

                return 2;
            }

            var password = parse.GetValue(passwordStdin) ? (await Console.In.ReadLineAsync(ct))?.Trim() ?? "" : Features.Accounts.UserAdministration.GeneratePassword();
            var result = await admin.CreateAsync(parse.GetValue(email)!.Trim(), parse.GetValue(role)!, userScope, password, displayName: null);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine("Kein Konto angelegt (no account created): " + string.Join(" ", result.Errors.Select(e => e.Description)));
                return 1;
            }

            Console.WriteLine($"Konto angelegt (account created): {parse.GetValue(email)!.Trim()}, Rolle {Features.Accounts.Roles.Parse(parse.GetValue(role))}.");
            if (!parse.GetValue(passwordStdin))
            {
                Console.WriteLine($"Passwort (wird nur jetzt angezeigt / shown only now): {password}");
            }

            return 0;
        });
        return new Command("users", "Accounts: the first admin is created here; there are no default passwords in production.") { add };
    }

    private static Command TrainCommand()
    {
        var export = new Option<DirectoryInfo?>("--export") { Description = "Also write the training and held-out examples as CSV (for the XGBoost peer in bench/)." };
        var train = new Command("train", "Train the LightGBM ranker on recorded outcomes, evaluate it on held-out needs and promote it if it is better.") { export };
        train.TreatUnmatchedTokensAsErrors = false;
        train.SetAction(async (parse, ct) =>
        {
            await using var host = BuildHost([.. parse.UnmatchedTokens]);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            await MigrateAsync(host, db, ct);
            if (parse.GetValue(export) is { } folder)
            {
                var examples = await scope.ServiceProvider.GetRequiredService<Features.Ranking.RankerHost>().ExamplesAsync(db, ct);
                Engine.Ranking.RankerTraining.Export(examples, folder.FullName);
                Console.WriteLine($"Exported {examples.Count} examples to {folder.FullName}.");
            }

            try
            {
                var card = await scope.ServiceProvider.GetRequiredService<Features.Ranking.RankerHost>().TrainAsync(db, host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
                Console.WriteLine(Features.Ranking.ModelReport.Format(card));
                return 0;
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return train;
    }

    private static Command EvaluateCommand()
    {
        var suite = new Option<string>("--suite")
        {
            Description = "outcomes (default): the model cards and how proposals followed the ranking; taxonomy: NDCG@10, P@10 and Recall@100 of every ranker on needs and profiles drawn from ESCO.",
            DefaultValueFactory = _ => "outcomes",
        };
        suite.AcceptOnlyFromAmong("outcomes", "taxonomy");
        var evaluate = new Command("evaluate", "Print the metrics and model card of the active ranker, and of every trained model.") { suite };
        evaluate.TreatUnmatchedTokensAsErrors = false;
        evaluate.SetAction(async (parse, ct) =>
        {
            await using var host = BuildHost([.. parse.UnmatchedTokens]);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>();
            await MigrateAsync(host, db, ct);
            if (parse.GetValue(suite) == "taxonomy")
            {
                Console.Write(await Features.Ranking.TaxonomyReport.RunAsync(scope.ServiceProvider, db, ct));
                return 0;
            }

            var ranker = host.Services.GetRequiredService<Features.Ranking.RankerStore>();
            var active = await ranker.CurrentAsync(ct);
            Console.WriteLine($"Active ranker: {active.Name}{(active.Problem is null ? "" : $" (fallback: {active.Problem})")}");
            foreach (var card in await ranker.CardsAsync(ct))
            {
                Console.WriteLine();
                Console.WriteLine(Features.Ranking.ModelReport.Format(card));
            }

            var adherence = await Features.Ranking.RankerHost.AdherenceAsync(db, ct);
            Console.WriteLine();
            Console.WriteLine($"Proposals that followed the ranking: {adherence.FollowedRanking} of {adherence.ProposalsWithRank} with a recorded rank ({adherence.Share:P1}); {adherence.PassOverReasons} pass-overs carry a reason.");
            return 0;
        });
        return evaluate;
    }

    private static Task MigrateAsync(WebApplication host, SkillsMatchDbContext db, CancellationToken ct) =>
        DatabaseMigrator.MigrateAsync(db, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SkillsMatch.Migrations"), ct);

    /// <summary>The app's services without the web server, for verbs that only need the database.</summary>
    private static WebApplication BuildHost(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSkillsMatch();
        builder.Services.RemoveAll<IHostedService>();
        return builder.Build();
    }
}
