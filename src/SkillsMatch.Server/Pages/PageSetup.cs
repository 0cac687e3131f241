using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Pages;

/// <summary>The web pages (Razor Pages, server-rendered, usable without JavaScript): one folder per role, each behind that role's policy.</summary>
public static class PageSetup
{
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Employer", Policies.Employer);
            options.Conventions.AuthorizeFolder("/Caseworker", Policies.Caseworker);
            options.Conventions.AuthorizeFolder("/Provider", Policies.Provider);
            options.Conventions.AuthorizeFolder("/Planner", Policies.Reports);
            options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        });
        return services;
    }
}
