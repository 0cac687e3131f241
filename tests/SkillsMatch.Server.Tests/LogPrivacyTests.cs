using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace SkillsMatch.Server.Tests;

/// <summary>
/// Issue 11: no personal data in logs. The app logs every category at Trace into memory while a
/// whole client's life runs over HTTP; no log line or exception names the client's pseudonym,
/// birth year or nationality, nor the employer contact's e-mail.
/// </summary>
public sealed class LogPrivacyTests(LogPrivacyTests.Factory factory) : IClassFixture<LogPrivacyTests.Factory>
{
    private const string Reference = "PII-REF-4711";
    private const string ChangedReference = "PII-REF-4711-B";
    private const string ContactEmail = "pii-contact-4711@example.org";
    private const int BirthYear = 1983;
    private const string Nationality = "SY";

    [Fact]
    public async Task A_client_s_whole_life_over_http_logs_nothing_personal_even_at_trace()
    {
        var http = factory.CreateClient();
        var employer = (await http.CreateAsync("/api/employers", TestData.Employer().With("contactEmail", ContactEmail))).GetProperty("id").GetInt32();
        var need = await http.CreateNeedAsync(employer, b => b.With("municipalityAgs", TestData.Ingelheim).With("certificates", Array.Empty<string>()));
        var body = TestData.Client()
            .With("reference", Reference)
            .With("homeMunicipalityAgs", TestData.Ingelheim)
            .With("protected", new { gender = "female", birthYear = BirthYear, nationality = Nationality, severeDisability = false });
        var created = await http.CreateAsync("/api/clients", body);
        var client = created.GetProperty("id").GetInt32();

        // A clash and a bad value are answered with the value, but only to the caller.
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/api/clients", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync($"/api/clients/{client}", body.With("reference", ChangedReference).With("maxCommuteMinutes", 60).With("version", created.GetProperty("version").GetInt64()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/clients/{client}")).StatusCode);
        var candidates = await (await http.GetAsync($"/api/needs/{need}/candidates")).JsonAsync();
        var row = candidates.GetProperty("candidates").EnumerateArray().Single(r => r.GetProperty("clientId").GetInt32() == client);
        Assert.Equal(ChangedReference, row.GetProperty("reference").GetString());
        await http.CreateAsync("/api/outcomes", new { needId = need, clientId = client, stage = "Proposed", date = "2027-01-04", impressionId = row.GetProperty("impressionId").GetInt64() });
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/clients/{client}/matches")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/clients/{client}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/clients/{client}")).StatusCode);

        // The capture works at Debug and below (EF Core's commands are there), and EF Core shows no parameter values.
        var lines = factory.Logs.ToList();
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal) && l.Level <= LogLevel.Debug);
        Assert.Contains(lines, l => l.Level == LogLevel.Trace);
        Assert.False(await factory.WithDbAsync(db => Task.FromResult(
            db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.IsSensitiveDataLoggingEnabled ?? false)));

        var birthYear = new Regex($@"(?i)(birth\w*|geburt\w*)\W{{0,12}}{BirthYear}", RegexOptions.None, TimeSpan.FromSeconds(1));
        var nationality = new Regex($@"(?i)(nationality|staatsang\w*)\W{{0,12}}{Nationality}\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        var offending = lines.Where(l =>
                l.Text.Contains("PII-REF", StringComparison.OrdinalIgnoreCase)
                || l.Text.Contains(ContactEmail, StringComparison.OrdinalIgnoreCase)
                || birthYear.IsMatch(l.Text)
                || nationality.IsMatch(l.Text))
            .Select(l => $"{l.Level} {l.Category}: {l.Text}")
            .ToList();
        Assert.True(offending.Count == 0, "Personal data in the log:\n" + string.Join("\n", offending.Take(10)));
    }

    /// <summary>One captured log call: the formatted message, every structured value, scopes and the exception.</summary>
    public sealed record LogLine(string Category, LogLevel Level, string Text);

    /// <summary>The app with every category logged at Trace into <see cref="Logs"/>.</summary>
    public sealed class Factory : SkillsMatchFactory
    {
        public ConcurrentQueue<LogLine> Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddProvider(new CapturingLoggerProvider(Logs));

                // A rule for this provider alone beats the app's category filters (EF Core at Warning and the like).
                logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
            });
        }
    }

    [ProviderAlias("Capture")]
    public sealed class CapturingLoggerProvider(ConcurrentQueue<LogLine> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines, () => _scopes);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogLine> lines, Func<IExternalScopeProvider> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => scopes().Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            scopes().ForEachScope((scope, builder) => builder.Append(" | scope ").Append(Convert.ToString(scope, System.Globalization.CultureInfo.InvariantCulture)), text);
            if (exception is not null)
            {
                text.Append(" | ").Append(exception);
            }

            lines.Enqueue(new LogLine(category, logLevel, text.ToString()));
        }
    }
}
