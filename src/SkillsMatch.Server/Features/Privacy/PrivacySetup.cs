namespace SkillsMatch.Server.Features.Privacy;

/// <summary>Erasure of clients and the retention setting.</summary>
public static class PrivacySetup
{
    public static void AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<ClientErasure>();
    }
}
