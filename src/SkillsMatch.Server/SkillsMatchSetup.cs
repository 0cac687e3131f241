using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;
using SkillsMatch.Engine.Intake;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Bulk;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Courses;
using SkillsMatch.Server.Features.Employers;
using SkillsMatch.Server.Features.ForumRounds;
using SkillsMatch.Server.Features.Jobs;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;
using SkillsMatch.Server.Features.Ranking;
using SkillsMatch.Server.Features.Outcomes;
using SkillsMatch.Server.Features.Privacy;
using SkillsMatch.Server.Features.Reference;
using SkillsMatch.Server.Features.Reports;
using SkillsMatch.Server.Features.Samples;
using SkillsMatch.Server.Features.Training;
using SkillsMatch.Server.Pages;

namespace SkillsMatch.Server;

/// <summary>All service registration and endpoint mapping of the server, so Program.cs stays short.</summary>
public static class SkillsMatchSetup
{
    public static WebApplicationBuilder AddSkillsMatch(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // SQL text at Information would flood the log; defaults here hold wherever the program is started from.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        // Hangfire's SQLite storage logs every expiration sweep at Information: half the lines of a normal start.
        builder.Logging.AddFilter("Hangfire.Storage.SQLite", LogLevel.Warning);
        builder.AddStorage();
        services.AddAudit();
        services.AddPages();
        services.AddRateLimits(builder.Configuration);

        // The server does not announce what it is; HSTS (outside Development) tells browsers to stay on HTTPS for a year.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        services.AddOptions<ReferenceDataOptions>().BindConfiguration(ReferenceDataOptions.Section);
        services.AddOptions<SkillsMatch.Engine.Matching.MatchingOptions>().BindConfiguration("Matching")
            .Validate(o => o.MinHoursShare is > 0 and <= 1 && o.RelatedCredit is >= 0 and <= 1 && o.RescoreFactor >= 1 && o.MinRescoreDepth >= 1,
                "Matching: MinHoursShare in (0, 1], RelatedCredit in [0, 1], RescoreFactor and MinRescoreDepth at least 1.")
            .ValidateOnStart();

        services.AddOptions<RankerOptions>().BindConfiguration(RankerOptions.Section)
            .Validate(o => o.ImpressionRetentionDays >= 1 && o.UnshownSamplePerList >= 0 && o.ActiveModelCheckSeconds is >= 1 and <= 60,
                "Ranker: ImpressionRetentionDays at least 1, UnshownSamplePerList not negative, ActiveModelCheckSeconds 1 to 60.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ReferenceData.Load(ReferenceData.LocateDataDirectory(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReferenceDataOptions>>().Value.Path)));
        services.AddSingleton(sp => new NeedTextParser(sp.GetRequiredService<ReferenceData>()));
        services.AddValidatorsFromAssemblyContaining<StorageOptions>(ServiceLifetime.Scoped, includeInternalTypes: true);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        services.AddScoped<SampleImporter>();
        services.AddScoped<Features.Bulk.BulkImporter>();
        services.AddScoped<Features.Courses.CatalogueImporter>();
        services.AddScoped<Features.Bulk.BulkExporter>();
        services.AddSingleton<StartupGate>();
        services.AddSingleton<CandidateIndexHost>();
        services.AddSingleton<Features.Reports.NeedReadiness>();
        services.AddScoped<Features.Reports.DemandReport>();
        services.AddScoped<Features.Reports.CommissionReport>();
        services.AddSingleton<Pseudonyms>();
        services.AddSingleton<RankerStore>();
        services.AddSingleton<RankerHost>();

        // Hosted services start in order: the database is migrated and seeded before Hangfire runs a job.
        services.AddHostedService<DatabaseInitializer>();

        // After the initializer: data protection's own hosted service reads its key ring from the
        // database, which must be migrated first.
        builder.AddAccounts();
        services.AddHostedService<RankerRefresh>();
        // Builds the term-search index after start-up, off the request path (never delays or fails start-up).
        services.AddSingleton<Features.Reference.TermIndexWarmup>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Reference.TermIndexWarmup>());
        builder.AddPrivacy();
        builder.AddJobs();

        services.ConfigureHttpJsonOptions(json =>
        {
            // Enums by one name only (any case); a number such as "kind": 99 or a list "Open, Filled" is refused, never stored.
            json.SerializerOptions.Converters.Add(new EnumNamesConverter());
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));

            // German explanations stay readable in the raw JSON (ü, not \u00fc); HTML-sensitive characters are still escaped.
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddForwardedHeaders();
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<StrictIntRouteConstraint>("int"));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTexts.Translate);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(OpenApiDocs.Configure);

        // Bounded cost: a request still running after Limits:RequestTimeoutSeconds is cancelled (its
        // token fires; EF Core stops the query) and answered 503, so no single request holds the machine.
        var timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Limits:RequestTimeoutSeconds", 30));
        services.AddRequestTimeouts(o => o.DefaultPolicy = new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy
        {
            Timeout = timeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = context => Problems.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                Texts.Pick("Zeitüberschreitung.", "Request timed out."),
                Texts.Pick($"Die Anfrage dauerte länger als {timeout.TotalSeconds:0} Sekunden und wurde abgebrochen. Bitte den Zeitraum oder die Region verkleinern.",
                    $"The request took longer than {timeout.TotalSeconds:0} seconds and was cancelled. Narrow the period or region.")),
        });
        services.AddHealthChecks().AddDbContextCheck<SkillsMatchDbContext>("database");
        services.AddRequestLocalization(options =>
        {
            CultureInfo[] cultures = [new("de"), new("en")];
            options.DefaultRequestCulture = new RequestCulture("de");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders.Insert(0, new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" });
        });
        return builder;
    }

    public static WebApplication MapSkillsMatch(this WebApplication app)
    {
        app.UseForwardedHeadersWhenEnabled();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestGuardMiddleware>();
        app.UseRequestTimeouts();
        app.UseMiddleware<StartupGateMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CookieAntiforgeryMiddleware>();

        // A model promoted by another instance is used here from the next request after the check interval.
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await context.RequestServices.GetRequiredService<RankerStore>().RefreshIfDueAsync(context.RequestAborted);
            }

            await next(context);
        });

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("SkillsMatch API")
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .DisableDefaultFonts()
            .HideClientButton()
            .HideDeveloperTools()
            .ForceLightMode()
            .HideDarkModeToggle()).AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health").AllowAnonymous();

        // The API's endpoints share one group, so rules every body obeys are set once.
        var api = app.MapGroup("").CheckBodies();
        api.MapAccountEndpoints();
        api.MapReferenceEndpoints();
        api.MapEmployerEndpoints();
        api.MapForumRoundEndpoints();
        api.MapNeedEndpoints();
        api.MapNeedCommentEndpoints();
        api.MapClientEndpoints();
        api.MapCourseEndpoints();
        api.MapOutcomeEndpoints();
        api.MapMatchingEndpoints();
        api.MapEmployerViewEndpoints();
        api.MapTrainingEndpoints();
        api.MapFairnessReportEndpoints();
        api.MapRankerEndpoints();
        api.MapAuditEndpoints();
        api.MapReportEndpoints();
        api.MapBulkEndpoints();
        app.MapJobs();
        return app;
    }
}

/// <summary>Where the reference data folder is. Section <c>ReferenceData</c>.</summary>
public sealed class ReferenceDataOptions
{
    public const string Section = "ReferenceData";

    /// <summary>The <c>data/</c> folder; found next to the program or above the working directory when empty.</summary>
    public string? Path { get; set; }

    /// <summary>Build the term-search index in the background after start-up (default); off, it is built on first use.</summary>
    public bool BuildTermIndexAtStartup { get; set; } = true;
}
