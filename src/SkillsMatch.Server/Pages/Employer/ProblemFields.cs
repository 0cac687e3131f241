using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SkillsMatch.Server.Pages.Employer;

internal static class ProblemFields
{
    /// <summary>The API's validation messages under the keys of this page's inputs, so the error summary links to the fields.</summary>
    public static void AddProblem(this ModelStateDictionary state, ValidationProblem problem, Func<string, string> fieldOf)
    {
        foreach (var (key, messages) in problem.ProblemDetails.Errors)
        {
            foreach (var message in messages)
            {
                state.AddModelError(fieldOf(key), message);
            }
        }
    }
}
