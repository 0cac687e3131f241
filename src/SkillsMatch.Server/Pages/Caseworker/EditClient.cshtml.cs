using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>The editable part of a profile, with the version it is based on.</summary>
public sealed class ClientEditInput
{
    public long? Version { get; set; }
    public DateOnly? AvailableFrom { get; set; }
    public int? HoursPerWeek { get; set; }
    public int? MaxCommuteMinutes { get; set; }
    public bool DrivingLicence { get; set; }
    public bool HasCar { get; set; }
    public string? HomeMunicipalityAgs { get; set; }
    public bool ConsentToShare { get; set; }

    public static ClientEditInput From(ClientResponse c) => new()
    {
        Version = c.Version,
        AvailableFrom = c.AvailableFrom,
        HoursPerWeek = c.HoursPerWeek,
        MaxCommuteMinutes = c.MaxCommuteMinutes,
        DrivingLicence = c.DrivingLicence,
        HasCar = c.HasCar,
        HomeMunicipalityAgs = c.HomeMunicipalityAgs,
        ConsentToShare = c.ConsentToShare,
    };
}

/// <summary>One field that someone else changed: the value stored now beside the user's.</summary>
public sealed record ChangedField(string Label, string Stored, string Yours);

/// <summary>
/// Edits a profile as <c>PUT /api/clients/{id}</c> does, with its validation and optimistic
/// concurrency: the form carries the version it was loaded at; when someone else saved since, the
/// form comes back with the stored values beside the user's and nothing is overwritten.
/// </summary>
public sealed class EditClientModel(SkillsMatchDbContext db, ReferenceData reference, Access access, ClientValidator validator, CandidateIndexHost index) : PageModel
{
    [BindProperty]
    public ClientEditInput Input { get; set; } = new();

    public string Reference { get; private set; } = "";

    public int ClientId { get; private set; }

    public IReadOnlyList<ChangedField> Changes { get; private set; } = [];

    public IEnumerable<Municipality> Municipalities => reference.Regions.Municipalities.OrderBy(m => m.Name, StringComparer.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await ReadAsync(id, ct) is not { } client)
        {
            return NotFound();
        }

        Input = ClientEditInput.From(client);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        ClientId = id;

        // A value the form could not read (e.g. letters for hours) counts as missing: the API's rules then name the field.
        foreach (var entry in ModelState.Values)
        {
            entry.Errors.Clear();
        }

        var stored = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        Reference = stored?.Reference ?? "";
        IResult result;
        try
        {
            var input = stored is null ? EmptyInput() : InputOver(stored);
            result = await PageAudit.RecordAsync(HttpContext, AuditAction.Update, async () =>
                (await ClientEndpoints.Update(id, input, validator, db, reference, index, access, HttpContext, ct)).Result, routeClient: id);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between the version check and the write: the same conflict.
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, ct);
        }

        switch (result)
        {
            case Ok<ClientResponse>:
                return Redirect($"/caseworker/clients/{id}?saved=true");
            case ValidationProblem problem:
                problem.CopyTo(ModelState, KeyOf);
                return Page();
            case ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict }:
                return await ConflictAsync(id, ct);
            case ProblemHttpResult { StatusCode: StatusCodes.Status428PreconditionRequired } missing:
                ModelState.AddModelError(string.Empty, missing.ProblemDetails.Detail ?? missing.ProblemDetails.Title ?? "");
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<ClientResponse?> ReadAsync(int id, CancellationToken ct)
    {
        ClientId = id;
        var result = await PageAudit.RecordAsync(HttpContext, AuditAction.Read, async () =>
            (await ClientEndpoints.Get(id, db, reference, access, HttpContext, ct)).Result, routeClient: id);
        if (result is not Ok<ClientResponse> { Value: { } client })
        {
            return null;
        }

        Reference = client.Reference;
        return client;
    }

    /// <summary>The form again with the user's values, the stored ones beside them, and the current version, so saving again is a deliberate choice.</summary>
    private async Task<IActionResult> ConflictAsync(int id, CancellationToken ct)
    {
        if (await ReadAsync(id, ct) is not { } current)
        {
            return NotFound();
        }

        var stored = ClientEditInput.From(current);
        Changes = Compare(stored, Input);
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, Texts.Pick(
            "Jemand anderes hat dieses Profil inzwischen gespeichert. Ihre Änderungen wurden nicht gespeichert. Prüfen Sie die Unterschiede unten und speichern Sie erneut, wenn Ihre Angaben gelten sollen.",
            "Someone else has saved this profile in the meantime. Your changes were not saved. Check the differences below and save again if your values should apply."));
        Input.Version = current.Version;
        return Page();
    }

    private List<ChangedField> Compare(ClientEditInput stored, ClientEditInput yours)
    {
        var fields = new (string Label, Func<ClientEditInput, string> Show)[]
        {
            (Texts.Pick("Verfügbar ab", "Available from"), i => i.AvailableFrom?.ToString("d", CultureInfo.CurrentCulture) ?? ""),
            (Texts.Pick("Stunden pro Woche", "Hours per week"), i => i.HoursPerWeek?.ToString(CultureInfo.CurrentCulture) ?? ""),
            (Texts.Pick("Längster Arbeitsweg in Minuten", "Longest commute in minutes"), i => i.MaxCommuteMinutes?.ToString(CultureInfo.CurrentCulture) ?? ""),
            (Texts.Pick("Führerschein", "Driving licence"), i => CaseworkerTexts.YesNo(i.DrivingLicence)),
            (Texts.Pick("Auto", "Car"), i => CaseworkerTexts.YesNo(i.HasCar)),
            (Texts.Pick("Wohnort", "Home"), i => i.HomeMunicipalityAgs is { } ags ? reference.Regions.Find(ags)?.Name ?? ags : ""),
            (Texts.Pick("Einverständnis zur Weitergabe", "Consent to share"), i => CaseworkerTexts.YesNo(i.ConsentToShare)),
        };
        return [.. fields.Select(f => new ChangedField(f.Label, f.Show(stored), f.Show(yours))).Where(c => c.Stored != c.Yours)];
    }

    /// <summary>The whole profile as the API takes it: the form's fields over the stored rest (equal to what the user loaded whenever the version check passes).</summary>
    private ClientInput InputOver(Client stored) => new(
        stored.Reference,
        stored.Caseworker,
        [.. stored.Skills.Select(s => new ClientSkillInput(s.SkillId, s.Level, s.Evidence))],
        [.. stored.Certificates],
        [.. stored.Languages.Select(l => new LanguageInput(l.Code, l.Level.ToString()))],
        [.. stored.PastOccupations.Select(o => new PastOccupationInput(o.OccupationId, o.Years))],
        [.. stored.DesiredOccupations],
        Input.AvailableFrom,
        Input.HoursPerWeek,
        Input.DrivingLicence,
        Input.HasCar,
        Input.MaxCommuteMinutes,
        Input.HomeMunicipalityAgs,
        [.. stored.Barriers],
        Input.ConsentToShare,
        new ProtectedAttributesInput(stored.Protected.Gender, stored.Protected.BirthYear, stored.Protected.Nationality, stored.Protected.SevereDisability),
        Input.Version);

    private ClientInput EmptyInput() => new(null, null, null, null, null, null, null, Input.AvailableFrom, Input.HoursPerWeek, Input.DrivingLicence, Input.HasCar,
        Input.MaxCommuteMinutes, Input.HomeMunicipalityAgs, null, Input.ConsentToShare, null, Input.Version);

    private static string KeyOf(string field) => field switch
    {
        "availableFrom" => "Input.AvailableFrom",
        "hoursPerWeek" => "Input.HoursPerWeek",
        "maxCommuteMinutes" => "Input.MaxCommuteMinutes",
        "drivingLicence" => "Input.DrivingLicence",
        "hasCar" => "Input.HasCar",
        "homeMunicipalityAgs" => "Input.HomeMunicipalityAgs",
        "consentToShare" => "Input.ConsentToShare",
        _ => string.Empty,
    };
}
