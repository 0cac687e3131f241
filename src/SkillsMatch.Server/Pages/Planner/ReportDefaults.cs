using Microsoft.AspNetCore.Mvc.ModelBinding;
using SkillsMatch.Server.Api;

namespace SkillsMatch.Server.Pages.Planner;

/// <summary>What the report pages share: a default period that renders fast, and the API's problems moved onto the form's fields.</summary>
public static class ReportDefaults
{
    /// <summary>The calendar quarter holding <paramref name="today"/>.</summary>
    public static (DateOnly From, DateOnly To) Quarter(DateOnly today)
    {
        var from = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return (from, from.AddMonths(3).AddDays(-1));
    }

    /// <summary>The calendar month holding <paramref name="today"/>.</summary>
    public static (DateOnly From, DateOnly To) Month(DateOnly today)
    {
        var from = new DateOnly(today.Year, today.Month, 1);
        return (from, from.AddMonths(1).AddDays(-1));
    }

    /// <summary>Each problem under the key of the form field it concerns (unmapped ones go to the page as a whole).</summary>
    public static void CopyErrors(ProblemBuilder problems, ModelStateDictionary modelState, Dictionary<string, string> fields)
    {
        foreach (var (field, messages) in problems.Errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(fields.GetValueOrDefault(field, ""), message);
            }
        }
    }
}
