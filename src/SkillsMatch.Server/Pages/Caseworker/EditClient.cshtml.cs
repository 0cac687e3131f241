using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Accounts;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>A skill row of the edit form: a stored skill (by id, shown by label) or a new one typed by id or name.</summary>
public sealed class ClientSkillRow
{
    /// <summary>What the user typed for a new skill (label, name or id); empty for stored rows.</summary>
    public string? Skill { get; set; }

    /// <summary>The id of a stored skill.</summary>
    public string? Id { get; set; }

    public string? Label { get; set; }

    public int Level { get; set; } = 1;

    public EvidenceSource Evidence { get; set; } = EvidenceSource.SelfReported;

    public bool Remove { get; set; }

    public bool IsNew => Id is null;

    public bool IsBlank => Id is null && string.IsNullOrWhiteSpace(Skill);
}

public sealed class ClientLanguageRow
{
    public string? Code { get; set; }

    public string? Level { get; set; }
}

/// <summary>The editable part of a profile, with the version it is based on.</summary>
public sealed class ClientEditInput
{
    public const int BlankSkillRows = 3;
    public const int BlankLanguageRows = 2;

    public long? Version { get; set; }
    public DateOnly? AvailableFrom { get; set; }
    public int? HoursPerWeek { get; set; }
    public int? MaxCommuteMinutes { get; set; }
    public bool DrivingLicence { get; set; }
    public bool HasCar { get; set; }
    public string? HomeMunicipalityAgs { get; set; }
    public bool ConsentToShare { get; set; }
    public List<ClientSkillRow> Skills { get; set; } = [];
    public List<string> Certificates { get; set; } = [];
    public List<ClientLanguageRow> Languages { get; set; } = [];

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
        Skills = [.. c.Skills.Select(s => new ClientSkillRow { Id = s.SkillId, Label = s.Label, Level = s.Level, Evidence = s.Evidence })],
        Certificates = [.. c.Certificates],
        Languages = [.. c.Languages.Select(l => new ClientLanguageRow { Code = l.Code, Level = l.Level })],
    };

    /// <summary>Empty rows after the filled ones, so skills and languages can be added without JavaScript.</summary>
    public void AddBlankRows()
    {
        for (var i = Skills.Count(r => r.IsBlank); i < BlankSkillRows; i++)
        {
            Skills.Add(new ClientSkillRow());
        }

        for (var i = Languages.Count(r => string.IsNullOrWhiteSpace(r.Code)); i < BlankLanguageRows; i++)
        {
            Languages.Add(new ClientLanguageRow());
        }
    }

    /// <summary>The skill rows that go to the API, by their index in <see cref="Skills"/>.</summary>
    public List<int> KeptSkillRows() => [.. Skills.Select((r, i) => (r, i)).Where(p => !p.r.IsBlank && !p.r.Remove).Select(p => p.i)];

    /// <summary>The language rows that go to the API, by their index in <see cref="Languages"/>.</summary>
    public List<int> FilledLanguageRows() => [.. Languages.Select((r, i) => (r, i)).Where(p => !string.IsNullOrWhiteSpace(p.r.Code)).Select(p => p.i)];

    public static string SkillIdOf(ClientSkillRow row, ReferenceData reference) => row.Id ?? SkillNames.Resolve(row.Skill!, reference);
}

/// <summary>One field that someone else changed: the value stored now beside the user's.</summary>
public sealed record ChangedField(string Label, string Stored, string Yours);

/// <summary>
/// Edits a profile as <c>PUT /api/clients/{id}</c> does, with its validation and optimistic
/// concurrency: the form carries the version it was loaded at; when someone else saved since, the
/// form comes back with the stored values beside the user's and nothing is overwritten.
/// </summary>
public sealed partial class EditClientModel(SkillsMatchDbContext db, ReferenceData reference, Access access, ClientValidator validator, CandidateIndexHost index) : PageModel
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
        Input.AddBlankRows();
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
                Input.AddBlankRows();
                return Page();
            case ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict }:
                return await ConflictAsync(id, ct);
            case ProblemHttpResult { StatusCode: StatusCodes.Status428PreconditionRequired } missing:
                ModelState.AddModelError(string.Empty, missing.ProblemDetails.Detail ?? missing.ProblemDetails.Title ?? "");
                Input.AddBlankRows();
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
        Input.AddBlankRows();
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
            (Texts.Pick("Kompetenzen", "Skills"), ShowSkills),
            (Texts.Pick("Zertifikate", "Certificates"), i => Listed(i.Certificates.Select(CertificateLabel))),
            (Texts.Pick("Sprachen", "Languages"), i => Listed(i.FilledLanguageRows().Select(r => $"{LanguageLabel(i.Languages[r].Code!)} {i.Languages[r].Level}"))),
        };
        return [.. fields.Select(f => new ChangedField(f.Label, f.Show(stored), f.Show(yours))).Where(c => c.Stored != c.Yours)];
    }

    private string ShowSkills(ClientEditInput input)
    {
        var language = Texts.Current;
        return Listed(input.KeptSkillRows().Select(r =>
        {
            var row = input.Skills[r];
            var id = ClientEditInput.SkillIdOf(row, reference);
            var label = reference.Taxonomy.FindSkill(id)?.Label(language) ?? row.Skill?.Trim() ?? id;
            return $"{label} ({CaseworkerTexts.SkillLevel(row.Level)}, {CaseworkerTexts.Evidence(row.Evidence)})";
        }));
    }

    private static string Listed(IEnumerable<string> items)
    {
        var list = items.Distinct().Order(StringComparer.CurrentCulture).ToList();
        return list.Count == 0 ? Texts.Pick("keine", "none") : string.Join("; ", list);
    }

    public string CertificateLabel(string code) => reference.Vocabulary.FindCertificate(code)?.Label(Texts.Current) ?? code;

    public string LanguageLabel(string code) => reference.Vocabulary.FindLanguage(code) is { } info
        ? (Texts.Current == Language.German ? info.LabelDe : info.LabelEn)
        : code;

    /// <summary>The vocabulary's certificates in the request's language, alphabetically.</summary>
    public IEnumerable<Certificate> AllCertificates => reference.Vocabulary.Certificates.OrderBy(c => c.Label(Texts.Current), StringComparer.CurrentCulture);

    /// <summary>The vocabulary's languages in the request's language, alphabetically.</summary>
    public IEnumerable<(string Code, string Label)> AllLanguages => reference.Vocabulary.Languages
        .Select(l => (l.Code, LanguageLabel(l.Code))).OrderBy(l => l.Item2, StringComparer.CurrentCulture);

    public static IReadOnlyList<string> CefrLevels { get; } = [.. Enum.GetNames<CefrLevel>()];

    /// <summary>The whole profile as the API takes it: the form's fields over the stored rest (equal to what the user loaded whenever the version check passes).</summary>
    private ClientInput InputOver(Client stored) => new(
        stored.Reference,
        stored.Caseworker,
        [.. Input.KeptSkillRows().Select(r => new ClientSkillInput(ClientEditInput.SkillIdOf(Input.Skills[r], reference), Input.Skills[r].Level, Input.Skills[r].Evidence))],
        [.. Input.Certificates.Where(c => !string.IsNullOrWhiteSpace(c))],
        [.. Input.FilledLanguageRows().Select(r => new LanguageInput(Input.Languages[r].Code, Input.Languages[r].Level))],
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

    private string KeyOf(string field)
    {
        var match = RowKey().Match(field);
        if (match.Success)
        {
            var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
            var member = match.Groups["member"].Value;
            switch (match.Groups["name"].Value)
            {
                case "skills" when Input.KeptSkillRows() is var rows && index < rows.Count:
                    var row = rows[index];
                    return member switch
                    {
                        "level" => $"Input.Skills[{row}].Level",
                        "evidence" => $"Input.Skills[{row}].Evidence",
                        _ => Input.Skills[row].IsNew ? $"Input.Skills[{row}].Skill" : $"Input.Skills[{row}].Level",
                    };
                case "languages" when Input.FilledLanguageRows() is var rows && index < rows.Count:
                    return member == "level" ? $"Input.Languages[{rows[index]}].Level" : $"Input.Languages[{rows[index]}].Code";
                case "certificates":
                    return "Input.Certificates";
                default:
                    break;
            }
        }

        return FieldKey(field);
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)\[(?<index>\d+)\](\.(?<member>[A-Za-z]+))?$")]
    private static partial Regex RowKey();

    private static string FieldKey(string field) => field switch
    {
        "availableFrom" => "Input.AvailableFrom",
        "hoursPerWeek" => "Input.HoursPerWeek",
        "maxCommuteMinutes" => "Input.MaxCommuteMinutes",
        "drivingLicence" => "Input.DrivingLicence",
        "hasCar" => "Input.HasCar",
        "homeMunicipalityAgs" => "Input.HomeMunicipalityAgs",
        "consentToShare" => "Input.ConsentToShare",
        "skills" => "Input.Skills[0].Level",
        "certificates" or "Certificates" => "Input.Certificates",
        "languages" or "Languages" => "Input.Languages[0].Code",
        _ => string.Empty,
    };
}
