using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkillsMatch.Samples;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Tests;

namespace SkillsMatch.Web.Tests;

/// <summary>
/// The app on a real Kestrel port (loopback, a free one), seeded from the committed samples, with the demo
/// account of every role, on the samples' day (a fake clock), and one headless chromium shared by the tests.
/// </summary>
public sealed class WebApp : SkillsMatchFactory, IAsyncLifetime
{
    public const string Password = "Demo-Passwort-1";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public WebApp() => UseKestrel(0);

    protected override bool? SeedSamples => true;

    protected override int RequestTimeoutSeconds => 300;

    protected override DateTimeOffset Start => new(SampleGenerator.DefaultAsOf.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

    /// <summary>Where the app listens, e.g. http://127.0.0.1:40123.</summary>
    public Uri Address { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:DemoAccounts", "true");
        builder.UseSetting("Accounts:DemoPassword", Password);
    }

    public async Task InitializeAsync()
    {
        if (!Chromium.Available)
        {
            return;
        }

        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Assertions.SetDefaultExpectTimeout(60_000);
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());
    }

    /// <summary>A fresh browser context (own cookies), German unless asked, with the app's address as base.</summary>
    public async Task<IPage> NewPageAsync(string locale = "de-DE")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Address.ToString(), Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Generous: `dotnet test SkillsMatch.slnx` runs the server tests beside these on the same two cores.
        // The tests check what the pages do, never how fast (docs/benchmarks.md measures speed).
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(180_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page as the demo account of a role and waits for its start page.</summary>
    public async Task<IPage> SignedInAsync(string role, string locale = "de-DE")
    {
        var page = await NewPageAsync(locale);
        await page.GotoAsync("/login");
        await page.GetByLabel(locale.StartsWith("en", StringComparison.Ordinal) ? "E-mail address" : "E-Mail-Adresse").FillAsync(DemoAccounts.Email(role));
        await page.GetByLabel(locale.StartsWith("en", StringComparison.Ordinal) ? "Password" : "Passwort", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = locale.StartsWith("en", StringComparison.Ordinal) ? "Sign in" : "Anmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebApp>
{
    public const string Name = "web pages in chromium";
}
