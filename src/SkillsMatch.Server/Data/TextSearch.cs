using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace SkillsMatch.Server.Data;

/// <summary>
/// "Contains, ignoring case" the same on both providers: SQLite's LIKE ignores ASCII case,
/// PostgreSQL's LIKE does not, so both sides are lowered in SQL.
/// </summary>
public static class TextSearch
{
    private static readonly MethodInfo Lower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;

    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    public static IQueryable<T> WhereContains<T>(this IQueryable<T> query, Expression<Func<T, string>> text, string term)
    {
        var pattern = $"%{term}%";
        Expression<Func<string>> parameter = () => pattern;
        var body = Expression.Call(Like, Expression.Property(null, typeof(EF).GetProperty(nameof(EF.Functions))!), Expression.Call(text.Body, Lower), Expression.Call(parameter.Body, Lower));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, text.Parameters));
    }
}
