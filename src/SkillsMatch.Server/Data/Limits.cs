namespace SkillsMatch.Server.Data;

/// <summary>Size limits shared by the database schema and request validation.</summary>
public static class Limits
{
    public const int Code = 64;
    public const int Name = 200;
    public const int Text = 4000;
    public const int ListItems = 100;
    public const int MaxPageSize = 200;
    public const int RequestBodyBytes = 256 * 1024;
}
