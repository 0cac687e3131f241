namespace SkillsMatch.Server.Api;

/// <summary>
/// An enum value in a query string or route, bound by name only and ignoring case
/// (<c>?status=open</c>, <c>?status=Open</c>); numbers and undefined names do not bind, and the
/// binding failure becomes a problem naming the parameter and the allowed names
/// (<see cref="ApiExceptionHandler"/>). JSON bodies use names only too (see SkillsMatchSetup).
/// </summary>
public readonly record struct Named<T>(T Value)
    where T : struct, Enum
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Minimal APIs bind a type through its static TryParse.")]
    public static bool TryParse(string? text, IFormatProvider? provider, out Named<T> result)
    {
        result = default;
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name) || !char.IsLetter(name[0]) || !Enum.TryParse<T>(name, ignoreCase: true, out var value) || !Enum.IsDefined(value))
        {
            return false;
        }

        result = new Named<T>(value);
        return true;
    }

    public override string ToString() => Value.ToString();
}
