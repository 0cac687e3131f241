using System.Globalization;
using System.Text.RegularExpressions;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Pages.Employer;

/// <summary>A skill row of the form: what the employer typed (a label or an id), and the skill the draft named, if any.</summary>
public sealed class SkillRow
{
    public string? Skill { get; set; }

    /// <summary>The id behind the label the draft filled in; used while <see cref="Skill"/> still shows that label.</summary>
    public string? Id { get; set; }

    public string? Label { get; set; }

    public int Level { get; set; } = 1;

    public int? OnTheJobWeeks { get; set; }
}

public sealed class CertificateRow
{
    public string? Code { get; set; }

    public bool Required { get; set; }
}

public sealed class LanguageRow
{
    public string? Code { get; set; }

    public string? Level { get; set; }
}

/// <summary>
/// The confirm form of "Bedarf melden": <see cref="NeedInput"/> in terms an employer types (names instead of
/// ids, rows instead of lists). It turns into the input POST /api/needs takes; the rules stay in the API's code.
/// </summary>
public sealed partial class NeedForm
{
    public const int BlankRows = 2;

    public NeedKind Kind { get; set; } = NeedKind.Vacancy;

    public string? Title { get; set; }

    public string? Occupation { get; set; }

    public string? OccupationId { get; set; }

    public string? OccupationLabel { get; set; }

    public int? Headcount { get; set; }

    public DateOnly? PeriodStart { get; set; }

    public DateOnly? PeriodEnd { get; set; }

    public int? DurationWeeks { get; set; }

    public int? HoursPerWeek { get; set; }

    public bool ShiftWork { get; set; }

    public string? Place { get; set; }

    public int? MaxCommuteMinutes { get; set; }

    public int? ForumRoundId { get; set; }

    public bool SaveAsDraft { get; set; }

    public List<SkillRow> MustHave { get; set; } = [];

    public List<SkillRow> NiceToHave { get; set; } = [];

    public List<CertificateRow> Certificates { get; set; } = [];

    public List<LanguageRow> Languages { get; set; } = [];

    public string? FurtherAbilities { get; set; }

    /// <summary>The form filled from a draft: labels in the request's language where the draft named ids.</summary>
    public static NeedForm From(NeedInput need, ReferenceData reference)
    {
        var language = Texts.Current;
        var occupation = need.OccupationId is null ? null : reference.Taxonomy.FindOccupation(need.OccupationId);
        SkillRow Row(SkillRequirementInput s)
        {
            var label = s.SkillId is null ? null : reference.Taxonomy.FindSkill(s.SkillId)?.Label(language);
            return new SkillRow { Skill = label ?? s.SkillId, Id = s.SkillId, Label = label ?? s.SkillId, Level = s.MinLevel ?? 1, OnTheJobWeeks = s.OnTheJobWeeks };
        }

        return new NeedForm
        {
            Kind = need.Kind ?? NeedKind.Vacancy,
            Title = need.Title,
            Occupation = occupation?.Label(language) ?? need.OccupationId,
            OccupationId = need.OccupationId,
            OccupationLabel = occupation?.Label(language) ?? need.OccupationId,
            Headcount = need.Headcount,
            PeriodStart = need.PeriodStart,
            PeriodEnd = need.EndDate(),
            HoursPerWeek = need.HoursPerWeek,
            ShiftWork = need.ShiftWork ?? false,
            Place = PlaceName(need.MunicipalityAgs, reference),
            MaxCommuteMinutes = need.MaxCommuteMinutes,
            ForumRoundId = need.ForumRoundId,
            MustHave = [.. (need.MustHave ?? []).Select(Row)],
            NiceToHave = [.. (need.NiceToHave ?? []).Select(Row)],
            Certificates =
            [
                .. (need.Certificates ?? []).Select(c => new CertificateRow { Code = c, Required = true }),
                .. (need.NiceToHaveCertificates ?? []).Select(c => new CertificateRow { Code = c, Required = false }),
            ],
            Languages = [.. (need.Languages ?? []).Select(l => new LanguageRow { Code = l.Code, Level = l.Level })],
            FurtherAbilities = need.FurtherAbilities,
        };
    }

    /// <summary>Empty rows after the filled ones, so more can be entered without JavaScript.</summary>
    public void AddBlankRows()
    {
        static void Pad<T>(List<T> rows, Func<T, bool> blank, Func<T> make)
        {
            var missing = BlankRows - rows.Count(blank);
            for (var i = 0; i < missing; i++)
            {
                rows.Add(make());
            }
        }

        Pad(MustHave, r => string.IsNullOrWhiteSpace(r.Skill), () => new SkillRow());
        Pad(NiceToHave, r => string.IsNullOrWhiteSpace(r.Skill), () => new SkillRow());
        Pad(Certificates, r => string.IsNullOrWhiteSpace(r.Code), () => new CertificateRow());
        Pad(Languages, r => string.IsNullOrWhiteSpace(r.Code), () => new LanguageRow());
    }

    /// <summary>
    /// The input for POST /api/needs for this employer, and how to turn the API's field names
    /// ("mustHave[0].skillId") into this form's ("Form.MustHave[2].Skill"; blank rows are left out).
    /// </summary>
    public (NeedInput Input, Func<string, string> FieldOf) ToInput(int? employerId, ReferenceData reference, string prefix)
    {
        var mustRows = Filled(MustHave, r => r.Skill);
        var niceRows = Filled(NiceToHave, r => r.Skill);
        var certRows = Filled(Certificates, r => r.Code);
        var requiredRows = certRows.Where(i => Certificates[i].Required).ToList();
        var welcomeRows = certRows.Where(i => !Certificates[i].Required).ToList();
        var languageRows = Filled(Languages, r => r.Code);

        var input = new NeedInput(
            Kind: Kind,
            EmployerId: employerId,
            ForumRoundId: ForumRoundId,
            Title: Title,
            OccupationId: ResolveOccupation(reference),
            Headcount: Headcount,
            PeriodStart: PeriodStart,
            PeriodEnd: PeriodEnd,
            HoursPerWeek: HoursPerWeek,
            ShiftWork: ShiftWork,
            MunicipalityAgs: string.IsNullOrWhiteSpace(Place) ? null : Place.Trim(),
            MaxCommuteMinutes: MaxCommuteMinutes,
            MustHave: [.. mustRows.Select(i => new SkillRequirementInput(ResolveSkill(MustHave[i], reference), MustHave[i].Level, MustHave[i].OnTheJobWeeks))],
            NiceToHave: [.. niceRows.Select(i => new SkillRequirementInput(ResolveSkill(NiceToHave[i], reference), NiceToHave[i].Level))],
            Certificates: [.. requiredRows.Select(i => Certificates[i].Code!)],
            Languages: [.. languageRows.Select(i => new LanguageInput(Languages[i].Code, Languages[i].Level))],
            FurtherAbilities: string.IsNullOrWhiteSpace(FurtherAbilities) ? null : FurtherAbilities.Trim(),
            Status: SaveAsDraft ? NeedStatus.Draft : NeedStatus.Open,
            Version: null,
            NiceToHaveCertificates: [.. welcomeRows.Select(i => Certificates[i].Code!)],
            DurationWeeks: DurationWeeks);

        string FieldOf(string key)
        {
            var match = KeyPattern().Match(key);
            if (!match.Success)
            {
                return "";
            }

            var name = match.Groups["name"].Value;
            int? index = match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) : null;
            var member = match.Groups["member"].Value;
            string Row(string list, List<int> rows, string field) =>
                $"{prefix}.{list}[{(index is { } i && i < rows.Count ? rows[i] : 0)}].{field}";

            return name switch
            {
                "mustHave" => Row("MustHave", mustRows, member == "minLevel" ? "Level" : member == "onTheJobWeeks" ? "OnTheJobWeeks" : "Skill"),
                "niceToHave" => Row("NiceToHave", niceRows, member == "minLevel" ? "Level" : "Skill"),
                "certificates" => Row("Certificates", requiredRows, "Code"),
                "niceToHaveCertificates" => Row("Certificates", welcomeRows, "Code"),
                "languages" => Row("Languages", languageRows, member == "level" ? "Level" : "Code"),
                "municipalityAgs" => $"{prefix}.Place",
                "occupationId" => $"{prefix}.Occupation",
                "status" => $"{prefix}.SaveAsDraft",
                "employerId" => "",
                _ => $"{prefix}.{char.ToUpperInvariant(name[0])}{name[1..]}",
            };
        }

        return (input, FieldOf);
    }

    /// <summary>The form's label of a field the API names in its messages ("headcount" → "Anzahl Personen").</summary>
    public static string? LabelOf(string member) => member switch
    {
        "kind" => Texts.Pick("Art des Bedarfs", "Kind of need"),
        "title" => Texts.Pick("Bezeichnung", "Title"),
        "occupationId" => Texts.Pick("Beruf", "Occupation"),
        "headcount" => Texts.Pick("Anzahl Personen", "Number of people"),
        "periodStart" => Texts.Pick("Beginn", "Start"),
        "periodEnd" => Texts.Pick("Ende", "End"),
        "durationWeeks" => Texts.Pick("Dauer in Wochen", "Duration in weeks"),
        "hoursPerWeek" => Texts.Pick("Stunden pro Woche", "Hours per week"),
        "municipalityAgs" => Texts.Pick("Arbeitsort", "Place of work"),
        "maxCommuteMinutes" => Texts.Pick("Arbeitsweg in Minuten", "Commute in minutes"),
        "mustHave" => Texts.Pick("Muss-Kompetenzen", "Must-have skills"),
        "niceToHave" => Texts.Pick("Wunsch-Kompetenzen", "Nice-to-have skills"),
        "skillId" => Texts.Pick("Kompetenz", "Skill"),
        "minLevel" or "level" => Texts.Pick("Niveau", "Level"),
        "onTheJobWeeks" => Texts.Pick("Einarbeitung in Wochen", "Weeks of familiarisation"),
        "furtherAbilities" => Texts.Pick("Weitere Hinweise", "Further notes"),
        _ => null,
    };

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)(\[(?<index>\d+)\])?(\.(?<member>[A-Za-z]+))?$")]
    private static partial Regex KeyPattern();

    private static List<int> Filled<T>(List<T> rows, Func<T, string?> text) =>
        [.. rows.Select((r, i) => (r, i)).Where(p => !string.IsNullOrWhiteSpace(text(p.r))).Select(p => p.i)];

    /// <summary>The municipality's name when it names that one municipality again; else its key.</summary>
    private static string? PlaceName(string? ags, ReferenceData reference) =>
        ags is not null && reference.Regions.Find(ags) is { } m && reference.Regions.Resolve(m.Name)?.Ags == ags ? m.Name : ags;

    /// <summary>A skill by id, by the draft's label, or by a name <see cref="SkillNames"/> resolves; anything else goes on as typed.</summary>
    private static string ResolveSkill(SkillRow row, ReferenceData reference)
    {
        var text = row.Skill!.Trim();
        return row.Id is { } id && text == row.Label ? id : SkillNames.Resolve(text, reference);
    }

    private string? ResolveOccupation(ReferenceData reference)
    {
        var text = Occupation?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (OccupationId is { } id && text == OccupationLabel)
        {
            return id;
        }

        if (reference.Taxonomy.FindOccupation(text) is { } occupation)
        {
            return occupation.Id;
        }

        var folded = TextNormalizer.Normalize(text);
        var hit = reference.Taxonomy.SearchOccupations(text, 5).FirstOrDefault(h => TextNormalizer.Normalize(h.MatchedLabel) == folded);
        return hit?.Occupation.Id ?? text;
    }
}
