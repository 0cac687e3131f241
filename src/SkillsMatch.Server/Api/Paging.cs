using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Audit;

namespace SkillsMatch.Server.Api;

/// <summary>One page of a list, with the total count of matching rows; for the audit log, the clients its items name.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total) : IClientData
{
    IEnumerable<int> IClientData.ClientIds => Items.OfType<IClientData>().SelectMany(i => i.ClientIds);
}

public static class Paging
{
    public const int DefaultPageSize = 50;

    /// <summary>Checks <c>page</c> and <c>pageSize</c>; adds a problem for each bad value.</summary>
    public static (int Page, int PageSize) Check(int? page, int? pageSize, ProblemBuilder problems)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p is < 1 or > Limits.MaxPage)
        {
            problems.Add("page", Texts.Pick($"Die Seite muss zwischen 1 und {Limits.MaxPage} liegen.", $"Page must be between 1 and {Limits.MaxPage}."));
        }

        if (size is < 1 or > Limits.MaxPageSize)
        {
            problems.Add("pageSize", Texts.Pick($"Die Seitengröße muss zwischen 1 und {Limits.MaxPageSize} liegen.", $"Page size must be between 1 and {Limits.MaxPageSize}."));
        }

        return (p, size);
    }

    public static IQueryable<T> TakePage<T>(this IQueryable<T> query, int page, int pageSize) =>
        query.Skip((page - 1) * pageSize).Take(pageSize);
}
