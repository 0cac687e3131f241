using FluentValidation;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Data;

namespace SkillsMatch.Server.Api;

/// <summary>Validation rules that check ids against the reference data of <c>data/</c>.</summary>
public static class ReferenceRules
{
    public static IRuleBuilderOptions<T, string?> KnownSkill<T>(this IRuleBuilder<T, string?> rule, ReferenceData reference) =>
        rule.Must(id => id is null || reference.Taxonomy.FindSkill(id) is { Kind: not Engine.Taxonomy.SkillKind.Group })
            .WithMessage((_, id) => Texts.Pick($"Unbekannte Kompetenz-ID '{id}'.", $"Unknown skill id '{id}'.") + Suggestions.Skills(reference, id));

    public static IRuleBuilderOptions<T, string?> KnownOccupation<T>(this IRuleBuilder<T, string?> rule, ReferenceData reference) =>
        rule.Must(id => id is null || reference.Taxonomy.FindOccupation(id) is not null)
            .WithMessage((_, id) => Texts.Pick($"Unbekannte Berufs-ID '{id}'.", $"Unknown occupation id '{id}'.") + Suggestions.Occupations(reference, id));

    public static IRuleBuilderOptions<T, string?> KnownMunicipality<T>(this IRuleBuilder<T, string?> rule, ReferenceData reference) =>
        rule.Must(ags => ags is null || reference.Regions.Contains(ags))
            .WithMessage((_, ags) => Texts.Pick($"Unbekannter Gemeindeschlüssel (AGS) '{ags}'.", $"Unknown municipality key (AGS) '{ags}'.") + Suggestions.Municipalities(reference, ags));

    /// <summary>A municipality by key (AGS) or by a name that names exactly one (see <see cref="RegionCatalog.Resolve"/>); store the resolved key.</summary>
    public static IRuleBuilderOptions<T, string?> KnownPlace<T>(this IRuleBuilder<T, string?> rule, ReferenceData reference) =>
        rule.Must(text => text is null || reference.Regions.Resolve(text) is not null)
            .WithMessage((_, text) => (reference.Regions.Search(text ?? "", 2).Count > 1
                    ? Texts.Pick($"Der Ort '{text}' ist nicht eindeutig.", $"The place '{text}' is ambiguous.")
                    : Texts.Pick($"Unbekannter Ort oder Gemeindeschlüssel (AGS) '{text}'.", $"Unknown place or municipality key (AGS) '{text}'."))
                + Suggestions.Municipalities(reference, text));

    public static IRuleBuilderOptions<T, string?> KnownRegion<T>(this IRuleBuilder<T, string?> rule, ReferenceData reference) =>
        rule.Must(code => code is null || reference.Regions.ContainsRegion(code))
            .WithMessage((_, code) => Texts.Pick($"Unbekannte Region '{code}' (Gemeinde-, Verbandsgemeinde- oder Kreisschlüssel).", $"Unknown region '{code}' (municipality, association or district key)."));

    public static IRuleBuilderOptions<T, string?> KnownCertificate<T>(this IRuleBuilder<T, string?> rule, ReferenceData reference) =>
        rule.Must(code => code is null || reference.Vocabulary.FindCertificate(code) is not null)
            .WithMessage((_, code) => Texts.Pick($"Unbekanntes Zertifikat '{code}'.", $"Unknown certificate '{code}'.") + Suggestions.Certificates(reference, code));

    public static IRuleBuilderOptions<T, string?> KnownLanguage<T>(this IRuleBuilder<T, string?> rule, ReferenceData reference) =>
        rule.Must(code => code is null || reference.Vocabulary.FindLanguage(code) is not null)
            .WithMessage((_, code) => Texts.Pick($"Unbekannter Sprachcode '{code}' (ISO 639-1).", $"Unknown language code '{code}' (ISO 639-1)."));

    public static IRuleBuilderOptions<T, string?> KnownBarrier<T>(this IRuleBuilder<T, string?> rule, ReferenceData reference) =>
        rule.Must(code => code is null || reference.Vocabulary.FindBarrier(code) is not null)
            .WithMessage((_, code) => Texts.Pick($"Unbekanntes Vermittlungshemmnis '{code}'.", $"Unknown placement barrier '{code}'."));

    /// <summary>A sector by code or by a German or English name that names exactly one (see <see cref="Vocabulary.ResolveSector"/>); store the resolved code.</summary>
    public static IRuleBuilderOptions<T, string?> KnownSector<T>(this IRuleBuilder<T, string?> rule, ReferenceData reference) =>
        rule.Must(code => code is null || reference.Vocabulary.ResolveSector(code) is not null)
            .WithMessage((_, code) => Texts.Pick($"Unbekannte Branche '{code}'.", $"Unknown sector '{code}'.") + Suggestions.Sectors(reference, code));

    public static IRuleBuilderOptions<T, string?> CefrLevel<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .Must(level => level is null || Enum.TryParse<CefrLevel>(level, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(level, out _))
            .WithMessage((_, level) => Texts.Pick($"GER-Niveau '{level}' liegt nicht zwischen A1 und C2.", $"CEFR level '{level}' is not between A1 and C2."));

    public static IRuleBuilderOptions<T, int?> SkillLevel<T>(this IRuleBuilder<T, int?> rule) =>
        rule.NotNull().InclusiveBetween(1, 4);

    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength);

    /// <summary>A list filter naming a region or skill that does not exist is a problem on that parameter.</summary>
    public static void CheckFilters(this ProblemBuilder problems, ReferenceData reference, string? region = null, string? skill = null)
    {
        if (region is not null && !reference.Regions.ContainsRegion(region))
        {
            problems.Add("region", Texts.Pick($"Unbekannte Region '{region}'.", $"Unknown region '{region}'.") + Suggestions.Municipalities(reference, region));
        }

        if (skill is not null && reference.Taxonomy.FindSkill(skill) is null)
        {
            problems.Add("skill", Texts.Pick($"Unbekannte Kompetenz-ID '{skill}'.", $"Unknown skill id '{skill}'.") + Suggestions.Skills(reference, skill));
        }
    }
}
