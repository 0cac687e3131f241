using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Samples;

namespace SkillsMatch.Server.Tests;

/// <summary>A clock the test sets; nothing depends on today's date.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The real app on a fresh SQLite file in its own temporary folder — or on a fresh PostgreSQL
/// database (<see cref="TestPostgres"/>) — with a fake clock (4 January 2027 unless a subclass says
/// otherwise); no sample seeding unless asked.
/// </summary>
public class SkillsMatchFactory : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly string? _sharedDatabase;
    private string? _ownDatabase;

    public SkillsMatchFactory()
    {
    }

    /// <summary>A second instance of the app on the PostgreSQL database of another factory, which keeps owning it.</summary>
    protected SkillsMatchFactory(SkillsMatchFactory first) =>
        _sharedDatabase = first.PostgresConnectionString ?? throw new InvalidOperationException("The first instance runs on PostgreSQL and has started.");

    /// <summary>On PostgreSQL: every test app in the PostgreSQL pass, and the apps of the PostgreSQL tests.</summary>
    protected virtual bool OnPostgres => TestPostgres.Everywhere || _sharedDatabase is not null;

    /// <summary>The app's PostgreSQL database once it has started on one; null on SQLite.</summary>
    public string? PostgresConnectionString => _sharedDatabase ?? _ownDatabase;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "skillsmatch-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Sets <c>Storage:SeedSamplesOnStart</c>; null leaves it to the environment's configuration.</summary>
    protected virtual bool? SeedSamples => false;

    /// <summary>The host environment; WebApplicationFactory's default is Development.</summary>
    protected virtual string Environment => "Development";

    protected virtual DateTimeOffset Start => new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    public FakeClock Clock => _clock ??= new FakeClock(Start);

    private FakeClock? _clock;

    public DateOnly Today => Clock.Today();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseEnvironment(Environment);
        if (SeedSamples is { } seed)
        {
            builder.UseSetting("Storage:SeedSamplesOnStart", seed ? "true" : "false");
        }

        if (OnPostgres)
        {
            builder.UseSetting("Storage:Provider", "Postgres");
            builder.UseSetting("Storage:ConnectionString", _sharedDatabase ?? (_ownDatabase ??= TestPostgres.CreateDatabase()));
        }

        // Tests run jobs themselves; no background Hangfire server picks up recurring work.
        builder.UseSetting("Jobs:Enabled", "false");
        // Each app instance would build its own term index in the background; tests build it on first use.
        builder.UseSetting("ReferenceData:BuildTermIndexAtStartup", "false");
        builder.UseSetting("Limits:RequestTimeoutSeconds", RequestTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The default caseworker reaches every client unless a test narrows it; tokens outlive any fake-clock jump.
        builder.UseSetting("Access:Caseload", Caseload.ToString());
        builder.UseSetting("Accounts:BearerTokenMinutes", (60 * 24 * 365 * 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:PerUserPerMinute", RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:PerAddressPerMinute", RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:SignInPerAddressPerMinute", RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The password of every account a test signs in with.</summary>
    public const string TestPassword = "Test-Passwort-123";

    /// <summary>The caseload code of the default caseworker every <see cref="WebApplicationFactory{T}.CreateClient()"/> signs in as.</summary>
    public const string DefaultCaseworker = "IFK-01";

    protected virtual CaseloadScope Caseload => CaseloadScope.All;

    protected virtual int RateLimit => 1_000_000;

    /// <summary>The API's request time limit (30 s in production).</summary>
    protected virtual int RequestTimeoutSeconds => 30;

    /// <summary>Every client signs in as the default caseworker (a real account, a real sign-in), unless a test asks for another role.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        SignIn(client, Roles.Caseworker, new UserScope(null, DefaultCaseworker, null));
    }

    /// <summary>A client signed in with a fresh or existing account of the role and scope.</summary>
    public HttpClient CreateClientAs(string role, int? employerId = null, string? caseworker = null, string? provider = null)
    {
        var client = CreateClient();
        SignIn(client, role, new UserScope(employerId, caseworker, provider));
        return client;
    }

    /// <summary>A client with no sign-in.</summary>
    public HttpClient CreateAnonymousClient() =>
        new(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler { InnerHandler = Server.CreateHandler() }) { BaseAddress = new Uri("http://localhost") };

    /// <summary>The e-mail of the test account of a role and scope.</summary>
    public static string EmailOf(string role, UserScope scope) =>
        $"{role.ToLowerInvariant()}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{scope.EmployerId}|{scope.Caseworker}|{scope.Provider}")))[..12].ToLowerInvariant()}@tests.example";

    /// <summary>Creates the account (directly, as the CLI would) unless it exists, then signs in over HTTP on this client.</summary>
    private void SignIn(HttpClient client, string role, UserScope scope)
    {
        var email = EmailOf(role, scope);
        EnsureUserAsync(email, role, scope).GetAwaiter().GetResult();
        client.DefaultRequestHeaders.Authorization = null;

        // The client being configured has no address yet; the sign-in goes through a client of its own.
        // (A WithWebHostBuilder copy shares this app's database, and with it the token keys.)
        using var login = new HttpClient(Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };
        using var response = login.PostAsJsonAsync("/api/auth/login", new { email, password = TestPassword }).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Test sign-in as {role} failed: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }

        var token = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult().GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    private readonly SemaphoreSlim _users = new(1, 1);

    public async Task EnsureUserAsync(string email, string role, UserScope scope)
    {
        await _users.WaitAsync();
        try
        {
            await using var services = Services.CreateAsyncScope();
            var users = services.ServiceProvider.GetRequiredService<UserAdministration>();
            if (await users.FindAsync(email) is null)
            {
                var result = await users.CreateAsync(email, role, scope, TestPassword, null);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
        finally
        {
            _users.Release();
        }
    }

    public async Task<T> WithDbAsync<T>(Func<SkillsMatchDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SkillsMatchDbContext>());
    }

    /// <summary>Row counts and the sum of all versions: any insert, delete or update changes it. One query, so a test may compare it after every request.</summary>
    public Task<DbState> StateAsync() => WithDbAsync(async db =>
    {
        Microsoft.EntityFrameworkCore.Metadata.IEntityType[] counted =
            [db.Employers.EntityType, db.ForumRounds.EntityType, db.Needs.EntityType, db.NeedComments.EntityType, db.Clients.EntityType, db.Courses.EntityType, db.Outcomes.EntityType];
        Microsoft.EntityFrameworkCore.Metadata.IEntityType[] versioned =
            [db.Employers.EntityType, db.ForumRounds.EntityType, db.Needs.EntityType, db.Clients.EntityType, db.Courses.EntityType, db.Outcomes.EntityType];
        static string Quote(string name) => $"\"{name}\"";
        static string Table(Microsoft.EntityFrameworkCore.Metadata.IEntityType t) => t.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(t.GetTableName()!)}" : Quote(t.GetTableName()!);
        var sql = "SELECT " + string.Join(", ", counted.Select(t => $"(SELECT COUNT(*) FROM {Table(t)})"))
            + ", " + string.Join(" + ", versioned.Select(t => $"(SELECT COALESCE(SUM({Quote(t.FindProperty("Version")!.GetColumnName())}), 0) FROM {Table(t)})"));

        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        int Count(int i) => Convert.ToInt32(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        return new DbState(Count(0), Count(1), Count(2), Count(3), Count(4), Count(5), Count(6),
            Convert.ToInt64(reader.GetValue(7), System.Globalization.CultureInfo.InvariantCulture));
    });

    protected virtual bool WaitUntilReady => true;

    /// <summary>Starts the app and waits until its startup gate is open (the samples seeded, when asked), as a user would wait for /health.</summary>
    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (WaitUntilReady)
        {
            host.Services.GetRequiredService<StartupGate>().Ready.GetAwaiter().GetResult();
        }

        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_ownDatabase is not null)
        {
            TestPostgres.DropDatabase(_ownDatabase);
            _ownDatabase = null;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

public sealed class SeededSkillsMatchFactory : SkillsMatchFactory
{
    protected override bool? SeedSamples => true;

    // The whole sample county planned over two years in a Debug build on two shared cores takes
    // longer than production's 30 s since the catalogue of issue 14 (docs/training.md).
    protected override int RequestTimeoutSeconds => 300;

    /// <summary>The day the committed samples were generated as of.</summary>
    protected override DateTimeOffset Start => new(SampleGenerator.DefaultAsOf.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
}

/// <summary>The app on a fresh PostgreSQL database of its own, whichever pass runs.</summary>
public class PostgresSkillsMatchFactory : SkillsMatchFactory
{
    protected override bool OnPostgres => true;
}

/// <summary>Another instance on the same PostgreSQL database as <paramref name="first"/>, with a clock of its own.</summary>
public sealed class SecondInstanceFactory(SkillsMatchFactory first) : SkillsMatchFactory(first);

public sealed record DbState(int Employers, int Rounds, int Needs, int Comments, int Clients, int Courses, int Outcomes, long Versions);

public static class HttpExtensions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(SkillsMatchFactory.Json))!;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(SkillsMatchFactory.Json);

    /// <summary>The field names of a validation problem's <c>errors</c> object.</summary>
    public static async Task<string[]> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.JsonAsync();
        return json.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)] : [];
    }
}
