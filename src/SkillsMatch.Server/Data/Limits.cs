namespace SkillsMatch.Server.Data;

/// <summary>Size limits shared by the database schema and request validation.</summary>
public static class Limits
{
    public const int Code = 64;
    public const int Name = 200;
    public const int Text = 4000;
    public const int ListItems = 100;
    public const int MaxPageSize = 200;

    /// <summary>The highest page number a list accepts: the row offset stays far inside int, whatever the page size.</summary>
    public const int MaxPage = 100_000;

    /// <summary>The longest period a report-like request (training cohorts) covers, so no single request runs for seconds.</summary>
    public const int MaxReportMonths = 24;
    public const int RequestBodyBytes = 256 * 1024;

    /// <summary>The largest CSV a bulk import takes over HTTP (larger files: <c>skillsmatch import</c>).</summary>
    public const long BulkUploadBytes = 4L * 1024 * 1024 * 1024;
}
