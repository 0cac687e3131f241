using System.Globalization;
using Microsoft.AspNetCore.Routing.Matching;

namespace SkillsMatch.Server.Api;

/// <summary>
/// Replaces the <c>int</c> route constraint: ASCII digits only, no sign, space or leading zero,
/// within int. The built-in one parses like <c>int.Parse</c>, so <c>/api/courses/%201</c> (" 1")
/// and <c>/api/courses/+1</c> reached course 1. Registered under the name <c>int</c>, so every
/// <c>{id:int}</c> route is strict without repeating it.
/// </summary>
public sealed class StrictIntRouteConstraint : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is not null && IsStrictInt(Convert.ToString(value, CultureInfo.InvariantCulture));

    public bool MatchesLiteral(string parameterName, string literal) => IsStrictInt(literal);

    public static bool IsStrictInt(ReadOnlySpan<char> text) =>
        text.Length is > 0 and <= 10
        && (text[0] != '0' || text.Length == 1)
        && !text.ContainsAnyExceptInRange('0', '9')
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
