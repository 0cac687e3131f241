using SkillsMatch.Server;

return await Cli.Create(async (args, ct) =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddSkillsMatch();
    var app = builder.Build();
    app.MapSkillsMatch();
    await app.RunAsync(ct);
    return 0;
}).Parse(args).InvokeAsync();

/// <summary>The entry point, visible to the HTTP tests.</summary>
public partial class Program;
