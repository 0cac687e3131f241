using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SkillsMatch.Server.Pages;

/// <summary>An endpoint's refusal on a page: each field's messages under the key of the input that holds it, so the error summary links to it.</summary>
internal static class PageProblems
{
    public static void CopyTo(this ValidationProblem problem, ModelStateDictionary state, Func<string, string> keyOf)
    {
        foreach (var (field, messages) in problem.ProblemDetails.Errors)
        {
            foreach (var message in messages)
            {
                state.AddModelError(keyOf(field), message);
            }
        }
    }

    /// <summary>As above, with the inputs named per API field; a field the page has no input for goes to the summary only.</summary>
    public static void CopyTo(this ValidationProblem problem, ModelStateDictionary state, IReadOnlyDictionary<string, string> inputs) =>
        problem.CopyTo(state, field => inputs.GetValueOrDefault(field, ""));
}
