using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Pages;

/// <summary>The front door: a signed-in user goes to the start page of the role, everyone else sees what the service is.</summary>
[AllowAnonymous]
public sealed class IndexModel(Access access) : PageModel
{
    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true && access.Role is { } role ? LocalRedirect(PageTexts.StartPage(role)) : Page();
}
