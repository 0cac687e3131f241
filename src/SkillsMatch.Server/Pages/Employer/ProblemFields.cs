using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SkillsMatch.Server.Api;

namespace SkillsMatch.Server.Pages.Employer;

internal static class ProblemFields
{
    /// <summary>
    /// The API's validation messages under the keys of this page's inputs, so the error summary links to the fields;
    /// the API's field name in a message ('headcount') becomes the field's label where <paramref name="labelOf"/> knows it.
    /// </summary>
    public static void AddProblem(this ModelStateDictionary state, ValidationProblem problem, Func<string, string> fieldOf, Func<string, string?>? labelOf = null)
    {
        foreach (var (key, messages) in problem.ProblemDetails.Errors)
        {
            var member = key[(key.LastIndexOf('.') + 1)..];
            member = member.Contains('[', StringComparison.Ordinal) ? member[..member.IndexOf('[', StringComparison.Ordinal)] : member;
            var label = labelOf?.Invoke(member);
            foreach (var message in messages)
            {
                state.AddModelError(fieldOf(key), label is null ? message : message.Replace($"'{member}'", Texts.Pick($"„{label}“", $"“{label}”"), StringComparison.Ordinal));
            }
        }
    }
}
