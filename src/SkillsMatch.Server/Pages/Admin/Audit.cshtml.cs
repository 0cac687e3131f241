using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Audit;

namespace SkillsMatch.Server.Pages.Admin;

/// <summary>The audit log of <c>GET /api/admin/audit</c> (same filters, same checks, same paging), newest first.</summary>
public sealed class AuditModel(SkillsMatchDbContext db) : PageModel
{
    /// <summary>The account's user id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Client { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PageNumber { get; set; }

    public PagedList<AuditEntryResponse>? Entries { get; private set; }

    /// <summary>User id → e-mail address, for the account choice and the table.</summary>
    public IReadOnlyDictionary<string, string> Accounts { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Accounts = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
        Named<AuditAction>? action = null;
        if (!string.IsNullOrEmpty(Action))
        {
            if (Named<AuditAction>.TryParse(Action, null, out var parsed))
            {
                action = parsed;
            }
            else
            {
                ModelState.AddModelError(nameof(Action), Texts.Pick("Unbekannte Aktion.", "Unknown action."));
                return Page();
            }
        }

        var result = await AuditEndpoints.ListAsync(db, string.IsNullOrEmpty(Account) ? null : Account, Client, From, To, action, PageNumber, null, ct);
        switch (result.Result)
        {
            case Ok<PagedList<AuditEntryResponse>> ok:
                Entries = ok.Value;
                break;
            case ValidationProblem problem:
                var fields = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["user"] = nameof(Account), ["client"] = nameof(Client), ["from"] = nameof(From), ["to"] = nameof(To), ["page"] = nameof(PageNumber),
                };
                problem.CopyTo(ModelState, fields);

                break;
        }

        return Page();
    }

    /// <summary>This list's filters with another page number.</summary>
    public string PageLink(int page) => "/admin/audit" + QueryString.Create(new List<KeyValuePair<string, string?>>
    {
        new(nameof(Account), Account), new(nameof(Client), Client?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new(nameof(From), From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        new(nameof(To), To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        new(nameof(Action), Action), new(nameof(PageNumber), page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public static string ActionName(AuditAction action) => action switch
    {
        AuditAction.Read => Texts.Pick("Lesen", "Read"),
        AuditAction.List => Texts.Pick("Liste", "List"),
        AuditAction.Create => Texts.Pick("Anlegen", "Create"),
        AuditAction.Update => Texts.Pick("Ändern", "Update"),
        AuditAction.Delete => Texts.Pick("Löschen", "Delete"),
        _ => action.ToString(),
    };
}
