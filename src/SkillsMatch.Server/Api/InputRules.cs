using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace SkillsMatch.Server.Api;

/// <summary>
/// Rules every request obeys, whatever the endpoint: no control characters (C0 except tab, CR and
/// LF) or unpaired surrogates in text, in the query string as in the body (PostgreSQL refuses a NUL
/// in any text, even a filter); in JSON bodies no null entries in lists and dates between 1900 and
/// 2100. Bodies are checked once bound, before the handler runs, so no handler maps a null list
/// item, stores a NUL or adds days to 9999-12-31; the problem names the field as the client sent it
/// (<c>mustHave[0]</c>, <c>cohorts[0].startDate</c>). The validators keep the rules of each feature.
/// </summary>
public static class InputRules
{
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> s_properties = new();

    /// <summary>Checks the body of every endpoint below <paramref name="builder"/> that reads one.</summary>
    public static TBuilder CheckBodies<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var services = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
            var index = Array.FindIndex(context.MethodInfo.GetParameters(), p => IsBody(p, services));
            if (index < 0)
            {
                return next;
            }

            return async invocation =>
            {
                var problems = new ProblemBuilder();
                Check(invocation.Arguments[index], "", problems);
                return problems.HasErrors ? problems.ToProblem() : await next(invocation);
            };
        });

    /// <summary>The parameter minimal APIs bind from the body: [FromBody], or one of the server's own classes that is no service and not [AsParameters].</summary>
    private static bool IsBody(ParameterInfo parameter, IServiceProviderIsService services) =>
        parameter.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromBodyAttribute>() is not null
        || (parameter.ParameterType.IsClass
            && parameter.ParameterType.Assembly == typeof(InputRules).Assembly
            && parameter.GetCustomAttribute<AsParametersAttribute>() is null
            && !services.IsService(parameter.ParameterType));

    /// <summary>Adds a problem for every value of <paramref name="value"/>'s graph that breaks a rule, named by its JSON path.</summary>
    public static void Check(object? value, string path, ProblemBuilder problems)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (TextProblem(text) is { } message)
                {
                    problems.Add(path, message);
                }

                return;
            case DateOnly date:
                if (date < EarliestDate || date > LatestDate)
                {
                    problems.Add(path, Texts.Pick(
                        $"Das Datum muss zwischen {EarliestDate:yyyy-MM-dd} und {LatestDate:yyyy-MM-dd} liegen.",
                        $"The date must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}."));
                }

                return;
            case IList list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is null)
                    {
                        problems.Add($"{path}[{i}]", Texts.Pick("Ein Listeneintrag darf nicht null sein.", "A list entry may not be null."));
                    }
                    else
                    {
                        Check(list[i], $"{path}[{i}]", problems);
                    }
                }

                return;
        }

        // Into the server's own input records only; numbers, booleans and enums have nothing to check here.
        var type = value.GetType();
        if (!type.IsClass || type.Assembly != typeof(InputRules).Assembly)
        {
            return;
        }

        foreach (var property in s_properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray()))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            Check(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", problems);
        }
    }

    /// <summary>Adds a problem for every query parameter whose value breaks the text rule, named as sent.</summary>
    public static void CheckQuery(IQueryCollection query, ProblemBuilder problems)
    {
        foreach (var (name, values) in query)
        {
            if (values.Select(v => v is null ? null : TextProblem(v)).FirstOrDefault(m => m is not null) is { } message)
            {
                problems.Add(name, message);
            }
        }
    }

    /// <summary>Tab, CR and LF are text; other C0 controls (NUL, ESC …) and halves of a surrogate pair are not.</summary>
    public static string? TextProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && c is not ('\t' or '\r' or '\n'))
            {
                return Texts.Pick(
                    $"Der Text enthält ein Steuerzeichen (U+{(int)c:X4}); erlaubt sind nur Tabulator und Zeilenumbruch.",
                    $"The text contains a control character (U+{(int)c:X4}); only tab and line breaks are allowed.");
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return Texts.Pick("Der Text enthält ein ungültiges Unicode-Zeichen (halbes Surrogatpaar).", "The text contains an invalid Unicode character (half a surrogate pair).");
            }
        }

        return null;
    }
}
