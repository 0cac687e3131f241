using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Intake;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Employer;

public sealed record ForumRoundOption(int Id, string Title, DateOnly Date);

/// <summary>
/// "Bedarf melden": a sentence in the employer's own words, read by the same parser as POST /api/needs/draft,
/// then a form to confirm every field, saved through the same code as POST /api/needs.
/// </summary>
public sealed class NewNeedModel(
    NeedTextParser parser, ReferenceData reference, TimeProvider clock, NeedValidator validator, SkillsMatchDbContext db, Access access) : PageModel
{
    private const string FormPrefix = "Form";

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public NeedForm Form { get; set; } = new();

    /// <summary>True on step 2 (the confirm form); false on step 1 (the text).</summary>
    public bool ShowForm { get; private set; }

    public IReadOnlyList<UnresolvedResponse> Unresolved { get; private set; } = [];

    public IReadOnlyList<ForumRoundOption> ForumRounds { get; private set; } = [];

    public ReferenceData Reference => reference;

    [TempData]
    public string? Notice { get; set; }

    /// <summary>Step 1; <c>?form=1</c> opens an empty form straight away.</summary>
    public async Task OnGetAsync(bool form, CancellationToken ct)
    {
        if (form)
        {
            await ShowFormAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        var result = NeedDraftEndpoints.Draft(new NeedDraftRequest(Text), parser, reference, clock);
        switch (result.Result)
        {
            case Ok<NeedDraftResponse> ok:
                Form = NeedForm.From(ok.Value!.Need, reference);
                Unresolved = ok.Value.Unresolved;
                ModelState.Clear();
                await ShowFormAsync(ct);
                break;
            case ValidationProblem problem:
                ModelState.AddProblem(problem, key => key == "text" ? nameof(Text) : "");
                break;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Only the API's rules count: binding messages ("The value '' is invalid") are replaced by them.
        var unreadable = ModelState.Where(e => e.Value?.ValidationState == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid).Select(e => e.Key).ToList();
        ModelState.Clear();
        foreach (var key in unreadable)
        {
            ModelState.AddModelError(key, Texts.Pick("Bitte geben Sie eine gültige Zahl oder ein gültiges Datum ein.", "Please enter a valid number or date."));
        }

        var (input, fieldOf) = Form.ToInput(access.EmployerId, reference, FormPrefix);
        if (unreadable.Count == 0)
        {
            var result = await NeedEndpoints.Create(input, validator, db, reference, access, ct);
            switch (result.Result)
            {
                case Created<NeedResponse> created:
                    Notice = created.Value!.Status == NeedStatus.Draft
                        ? Texts.Pick("Ihr Bedarf ist als Entwurf gespeichert.", "Your need is saved as a draft.")
                        : Texts.Pick("Ihr Bedarf ist gespeichert. Das Jobcenter sucht jetzt passende Personen.", "Your need is saved. The job centre is now looking for suitable people.");
                    return RedirectToPage("/Employer/Need", new { id = created.Value!.Id });
                case ValidationProblem problem:
                    ModelState.AddProblem(problem, fieldOf, NeedForm.LabelOf);
                    break;
            }
        }

        if (!string.IsNullOrWhiteSpace(Text) && NeedDraftEndpoints.Draft(new NeedDraftRequest(Text), parser, reference, clock).Result is Ok<NeedDraftResponse> draft)
        {
            Unresolved = draft.Value!.Unresolved;
        }

        await ShowFormAsync(ct);
        return Page();
    }

    /// <summary>Suggestions for the skill fields' list: the skills of the form and those offered for what the text left open.</summary>
    public IEnumerable<string> SkillOptions() =>
        Form.MustHave.Concat(Form.NiceToHave).Select(r => r.Label).OfType<string>()
            .Concat(Unresolved.SelectMany(u => u.Suggestions).Where(s => s.Kind == "skill").Select(s => s.Label))
            .Distinct(StringComparer.Ordinal);

    /// <summary>The id of a field's error message, when it has one (for aria-describedby).</summary>
    public string? ErrorId(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? PageTexts.FieldId(key) + "-error" : null;

    /// <summary>aria-describedby of a field: its hint and its error, whichever exist.</summary>
    public string? DescribedBy(string key, string? hint = null) =>
        string.Join(' ', new[] { hint, ErrorId(key) }.OfType<string>()) is { Length: > 0 } ids ? ids : null;

    private async Task ShowFormAsync(CancellationToken ct)
    {
        ShowForm = true;
        Form.AddBlankRows();
        var today = clock.Today();
        ForumRounds = await db.ForumRounds.AsNoTracking()
            .Where(r => r.Date >= today || r.Id == Form.ForumRoundId)
            .OrderBy(r => r.Date)
            .Select(r => new ForumRoundOption(r.Id, r.Title, r.Date))
            .ToListAsync(ct);
    }
}
