using SkillsMatch.Server.Api;
using SkillsMatch.Server.Features.Clients;
using SkillsMatch.Server.Features.Outcomes;

namespace SkillsMatch.Server.Pages.Caseworker;

/// <summary>Names the caseworker's pages show for codes: skill levels, evidence, outcome stages.</summary>
public static class CaseworkerTexts
{
    public static string SkillLevel(int level) => level switch
    {
        1 => Texts.Pick("Grundkenntnisse", "Basic"),
        2 => Texts.Pick("Gute Kenntnisse", "Intermediate"),
        3 => Texts.Pick("Sehr gute Kenntnisse", "Advanced"),
        4 => Texts.Pick("Expertenwissen", "Expert"),
        _ => level.ToString(System.Globalization.CultureInfo.CurrentCulture),
    };

    public static string Evidence(EvidenceSource evidence) => evidence switch
    {
        EvidenceSource.WorkExperience => Texts.Pick("Berufserfahrung", "Work experience"),
        EvidenceSource.Assessment => Texts.Pick("Kompetenzfeststellung", "Assessment"),
        EvidenceSource.Certificate => Texts.Pick("Zertifikat", "Certificate"),
        _ => Texts.Pick("Selbstauskunft", "Self-reported"),
    };

    public static string Stage(OutcomeStage stage) => stage switch
    {
        OutcomeStage.Proposed => Texts.Pick("Vorgeschlagen", "Proposed"),
        OutcomeStage.Invited => Texts.Pick("Zum Gespräch eingeladen", "Invited to interview"),
        OutcomeStage.Hired => Texts.Pick("Eingestellt", "Hired"),
        _ => Texts.Pick("Abgelehnt", "Rejected"),
    };

    public static string YesNo(bool value) => value ? Texts.Pick("ja", "yes") : Texts.Pick("nein", "no");
}
