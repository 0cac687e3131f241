using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Features.Accounts;

namespace SkillsMatch.Server.Pages;

/// <summary>Sign-in with the app's own accounts (a cookie); each role then lands on its own start page.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IOptions<AccountOptions> accounts) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool ShowDemoHint => accounts.Value.DemoAccounts;

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), Texts.Pick("Bitte geben Sie Ihre E-Mail-Adresse ein.", "Please enter your e-mail address."));
        }

        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), Texts.Pick("Bitte geben Sie Ihr Passwort ein.", "Please enter your password."));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signIn.PasswordSignInAsync(Email!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(nameof(Email), Texts.Pick("Nach zu vielen Fehlversuchen ist das Konto für 15 Minuten gesperrt.", "After too many failed attempts the account is locked for 15 minutes."));
            return Page();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Email), Texts.Pick("E-Mail-Adresse oder Passwort stimmen nicht.", "E-mail address or password is wrong."));
            return Page();
        }

        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/")
        {
            return LocalRedirect(ReturnUrl);
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        var roles = user is null ? [] : await users.GetRolesAsync(user);
        return LocalRedirect(PageTexts.StartPage(Roles.All.FirstOrDefault(roles.Contains)));
    }
}
