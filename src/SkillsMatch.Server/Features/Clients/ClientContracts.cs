using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Audit;
using SkillsMatch.Server.Features.Needs;

namespace SkillsMatch.Server.Features.Clients;

public sealed record ClientSkillInput(string? SkillId, int? Level, EvidenceSource? Evidence);

public sealed record PastOccupationInput(string? OccupationId, double? Years);

public sealed record ClientInput(
    string? Reference,
    string? Caseworker,
    List<ClientSkillInput>? Skills,
    List<string>? Certificates,
    List<LanguageInput>? Languages,
    List<PastOccupationInput>? PastOccupations,
    List<string>? DesiredOccupations,
    DateOnly? AvailableFrom,
    int? HoursPerWeek,
    bool? DrivingLicence,
    bool? HasCar,
    int? MaxCommuteMinutes,
    string? HomeMunicipalityAgs,
    List<string>? Barriers,
    bool? ConsentToShare,
    ProtectedAttributesInput? Protected,
    long? Version);

/// <summary>Optional protected attributes; stored for monitoring, never used for matching.</summary>
public sealed record ProtectedAttributesInput(string? Gender, int? BirthYear, string? Nationality, bool? SevereDisability);

public sealed record ClientSkillResponse(string SkillId, string Label, int Level, EvidenceSource Evidence);

public sealed record PastOccupationResponse(string OccupationId, string Label, double Years);

public sealed record ClientResponse(
    int Id,
    string Reference,
    string Caseworker,
    IReadOnlyList<ClientSkillResponse> Skills,
    IReadOnlyList<string> Certificates,
    IReadOnlyList<LanguageResponse> Languages,
    IReadOnlyList<PastOccupationResponse> PastOccupations,
    IReadOnlyList<string> DesiredOccupations,
    DateOnly AvailableFrom,
    int HoursPerWeek,
    bool DrivingLicence,
    bool HasCar,
    int MaxCommuteMinutes,
    string HomeMunicipalityAgs,
    string? HomeMunicipalityName,
    IReadOnlyList<string> Barriers,
    bool ConsentToShare,
    ProtectedAttributesInput Protected,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IClientData
{
    IEnumerable<int> IClientData.ClientIds => [Id];

    public static ClientResponse From(Client c, ReferenceData reference)
    {
        var language = Texts.Current;
        return new ClientResponse(
            c.Id, c.Reference, c.Caseworker,
            [.. c.Skills.Select(s => new ClientSkillResponse(s.SkillId, reference.Taxonomy.FindSkill(s.SkillId)?.Label(language) ?? s.SkillId, s.Level, s.Evidence))],
            c.Certificates,
            [.. c.Languages.Select(l => new LanguageResponse(l.Code, l.Level.ToString()))],
            [.. c.PastOccupations.Select(o => new PastOccupationResponse(o.OccupationId, reference.Taxonomy.FindOccupation(o.OccupationId)?.Label(language) ?? o.OccupationId, o.Years))],
            c.DesiredOccupations, c.AvailableFrom, c.HoursPerWeek, c.DrivingLicence, c.HasCar, c.MaxCommuteMinutes,
            c.HomeMunicipalityAgs, reference.Regions.Find(c.HomeMunicipalityAgs)?.Name, c.Barriers, c.ConsentToShare,
            new ProtectedAttributesInput(c.Protected.Gender, c.Protected.BirthYear, c.Protected.Nationality, c.Protected.SevereDisability),
            c.Version, c.CreatedAt, c.UpdatedAt);
    }
}

public sealed class ClientValidator : AbstractValidator<ClientInput>
{
    public ClientValidator(ReferenceData reference)
    {
        RuleFor(c => c.Reference).NotEmpty().Text(Limits.Code)
            .Matches("^[A-Za-z0-9_-]+$")
            .WithMessage(Texts.Pick("Das Pseudonym besteht aus Buchstaben, Ziffern, '-' und '_'.", "The pseudonymous reference consists of letters, digits, '-' and '_'."));
        RuleFor(c => c.Caseworker).NotEmpty().Text(Limits.Code);
        RuleFor(c => c.Skills!.Count).LessThanOrEqualTo(Limits.ListItems).When(c => c.Skills is not null).OverridePropertyName("Skills");
        RuleForEach(c => c.Skills).ChildRules(skill =>
        {
            skill.RuleFor(s => s.SkillId).NotEmpty().KnownSkill(reference);
            skill.RuleFor(s => s.Level).SkillLevel();
        });
        RuleFor(c => c.Certificates!.Count).LessThanOrEqualTo(Limits.ListItems).When(c => c.Certificates is not null).OverridePropertyName("Certificates");
        RuleForEach(c => c.Certificates).KnownCertificate(reference);
        RuleFor(c => c.Languages!.Count).LessThanOrEqualTo(20).When(c => c.Languages is not null).OverridePropertyName("Languages");
        RuleForEach(c => c.Languages).SetValidator(new LanguageInputValidator(reference));
        RuleFor(c => c.PastOccupations!.Count).LessThanOrEqualTo(Limits.ListItems).When(c => c.PastOccupations is not null).OverridePropertyName("PastOccupations");
        RuleForEach(c => c.PastOccupations).ChildRules(occupation =>
        {
            occupation.RuleFor(o => o.OccupationId).NotEmpty().KnownOccupation(reference);
            occupation.RuleFor(o => o.Years).NotNull().InclusiveBetween(0, 60);
        });
        RuleFor(c => c.DesiredOccupations!.Count).LessThanOrEqualTo(20).When(c => c.DesiredOccupations is not null).OverridePropertyName("DesiredOccupations");
        RuleForEach(c => c.DesiredOccupations).KnownOccupation(reference);
        RuleFor(c => c.AvailableFrom).NotNull();
        RuleFor(c => c.HoursPerWeek).NotNull().InclusiveBetween(1, 60);
        RuleFor(c => c.MaxCommuteMinutes).NotNull().InclusiveBetween(0, 240);
        // Without hasCar there is no car, so a client without both fields is fine.
        RuleFor(c => c.HasCar).Must(hasCar => hasCar != true).When(c => c.DrivingLicence != true)
            .WithMessage(Texts.Pick("Ein Auto zählt nur mit Führerschein.", "A car counts only with a driving licence."));
        RuleFor(c => c.HomeMunicipalityAgs).NotEmpty().KnownMunicipality(reference);
        RuleFor(c => c.Barriers!.Count).LessThanOrEqualTo(20).When(c => c.Barriers is not null).OverridePropertyName("Barriers");
        RuleForEach(c => c.Barriers).KnownBarrier(reference);
        When(c => c.Protected is not null, () =>
        {
            RuleFor(c => c.Protected!.Gender).Must(g => g is null or "female" or "male" or "diverse")
                .WithMessage(Texts.Pick("Geschlecht ist female, male oder diverse.", "Gender is female, male or diverse."));
            RuleFor(c => c.Protected!.BirthYear).InclusiveBetween(1900, 2015);
            RuleFor(c => c.Protected!.Nationality).Matches("^[A-Z]{2}$")
                .WithMessage(Texts.Pick("Staatsangehörigkeit als ISO-3166-Code mit zwei Großbuchstaben.", "Nationality as a two-letter ISO 3166 code."));
        });
    }
}

internal static class ClientMapping
{
    public static void Apply(this ClientInput input, Client client)
    {
        client.Reference = input.Reference!;
        client.Caseworker = input.Caseworker!;
        client.Skills = [.. (input.Skills ?? []).DistinctBy(s => s.SkillId).Select(s => new ClientSkill { SkillId = s.SkillId!, Level = s.Level!.Value, Evidence = s.Evidence ?? EvidenceSource.SelfReported })];
        client.Certificates = [.. (input.Certificates ?? []).Select(c => c.ToUpperInvariant()).Distinct()];
        client.Languages = [.. (input.Languages ?? []).DistinctBy(l => l.Code).Select(l => new LanguageLevel { Code = l.Code!.ToLowerInvariant(), Level = Enum.Parse<CefrLevel>(l.Level!, ignoreCase: true) })];
        client.PastOccupations = [.. (input.PastOccupations ?? []).Select(o => new PastOccupation { OccupationId = o.OccupationId!, Years = o.Years!.Value })];
        client.DesiredOccupations = [.. (input.DesiredOccupations ?? []).Distinct()];
        client.AvailableFrom = input.AvailableFrom!.Value;
        client.HoursPerWeek = input.HoursPerWeek!.Value;
        client.DrivingLicence = input.DrivingLicence ?? false;
        client.HasCar = input.HasCar ?? false;
        client.MaxCommuteMinutes = input.MaxCommuteMinutes!.Value;
        client.HomeMunicipalityAgs = input.HomeMunicipalityAgs!;
        client.Barriers = [.. (input.Barriers ?? []).Select(b => b.ToLowerInvariant()).Distinct()];
        client.ConsentToShare = input.ConsentToShare ?? false;
        client.Protected = new ProtectedAttributes
        {
            Gender = input.Protected?.Gender,
            BirthYear = input.Protected?.BirthYear,
            Nationality = input.Protected?.Nationality,
            SevereDisability = input.Protected?.SevereDisability ?? false,
        };
    }

    /// <summary>The pseudonymous reference is unique; a clash names the field.</summary>
    public static async Task CheckReferenceAsync(this ProblemBuilder problems, SkillsMatchDbContext db, string? reference, int? exceptId, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(reference) && await db.Clients.AnyAsync(c => c.Reference == reference && c.Id != exceptId, ct))
        {
            problems.Add("reference", Texts.Pick($"Das Pseudonym '{reference}' ist schon vergeben.", $"The reference '{reference}' is already taken."));
        }
    }
}

public static class ClientRules
{
    /// <summary>Barriers that tie a client to childcare-compatible course hours.</summary>
    public static readonly string[] CareBarriers = ["childcare", "care_duties"];

    public static bool HasCareDuties(IEnumerable<string> barriers) => barriers.Any(b => CareBarriers.Contains(b, StringComparer.OrdinalIgnoreCase));
}
