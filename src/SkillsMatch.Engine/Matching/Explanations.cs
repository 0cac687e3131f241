using System.Globalization;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Matching;

/// <summary>Short sentences a caseworker can read out to a client: matched, missing, related, commute, availability.</summary>
internal static class Explanations
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static IReadOnlyList<string> For(
        CandidateIndex index, int slot, ResolvedNeed need, in CandidateFeatures features, int commute, int todayDay, Training.TrainingPlan? plan, Ranking.RankerScore score, Language language)
    {
        var de = language == Language.German;
        var culture = de ? German : English;
        var taxonomy = index.Reference.Taxonomy;
        var skills = index.Skills[slot];
        string Label(int skill) => taxonomy.Skills[skill].Label(language);
        string OccupationLabel(int occupation) => taxonomy.Occupations[occupation].Label(language).Split('/')[0];

        var matched = new List<string>();
        var related = new List<string>();
        var implied = new List<string>();
        var missing = new List<string>();
        var belowLevel = new List<string>();
        for (var i = 0; i < need.MustSkills.Length; i++)
        {
            // Without the plan: a skill training would teach is named as related or missing here, the plan has its own sentence.
            var skill = need.MustSkills[i];
            switch (Matcher.Classify(index, slot, skill, null, out var via))
            {
                case Matcher.MustHave.Held:
                    matched.Add(Label(skill));
                    if (via < need.MustLevels[i])
                    {
                        belowLevel.Add(de ? $"{Label(skill)} ({via} statt {need.MustLevels[i]})" : $"{Label(skill)} ({via} instead of {need.MustLevels[i]})");
                    }

                    break;
                case Matcher.MustHave.Implied:
                    implied.Add(de ? $"{Label(skill)} (aus Erfahrung als {OccupationLabel(via)})" : $"{Label(skill)} (from experience as {OccupationLabel(via)})");
                    break;
                case Matcher.MustHave.Related:
                    related.Add(de ? $"{Label(skill)} (über „{Label(via)}“)" : $"{Label(skill)} (via “{Label(via)}”)");
                    break;
                default:
                    missing.Add(Label(skill));
                    break;
            }
        }

        var sentences = new List<string>
        {
            de ? $"Passung {HeuristicScore.Percent(score.Fit)} von 100." : $"Fit {HeuristicScore.Percent(score.Fit)} out of 100.",
        };
        var total = need.MustSkills.Length;
        if (total > 0)
        {
            sentences.Add(matched.Count == 0
                ? (de ? $"Keine der {total} Muss-Kompetenzen direkt vorhanden." : $"None of the {total} must-have skills held directly.")
                : de ? $"Bringt {matched.Count} von {total} Muss-Kompetenzen mit: {string.Join(", ", matched)}."
                : $"Has {matched.Count} of {total} must-have skills: {string.Join(", ", matched)}.");
        }

        if (related.Count > 0)
        {
            sentences.Add(de ? $"Über verwandte Kompetenzen: {string.Join(", ", related)}." : $"Through related skills: {string.Join(", ", related)}.");
        }

        if (implied.Count > 0)
        {
            sentences.Add(de ? $"Aus der Berufserfahrung anzunehmen: {string.Join(", ", implied)}." : $"Likely from work experience: {string.Join(", ", implied)}.");
        }

        if (missing.Count > 0)
        {
            sentences.Add(de ? $"Es fehlt: {string.Join(", ", missing)}." : $"Missing: {string.Join(", ", missing)}.");
        }

        if (belowLevel.Count > 0)
        {
            sentences.Add(de ? $"Niveau unter der Anforderung: {string.Join(", ", belowLevel)}." : $"Below the required level: {string.Join(", ", belowLevel)}.");
        }

        var nice = need.NiceSkills.Where(s => CandidateIndex.LevelOf(skills, s) > 0).Select(Label).ToList();
        if (nice.Count > 0)
        {
            sentences.Add(de ? $"Außerdem erwünscht und vorhanden: {string.Join(", ", nice)}." : $"Also wanted and present: {string.Join(", ", nice)}.");
        }

        var niceCertificates = need.NiceCertificateMask & index.Certificates[slot];
        if (niceCertificates != 0)
        {
            var certificates = index.Reference.Vocabulary.Certificates;
            var held = string.Join(", ", Enumerable.Range(0, Math.Min(64, certificates.Count))
                .Where(bit => (niceCertificates & (1UL << bit)) != 0)
                .Select(bit => CertificateName(certificates[bit].Label(language))));
            sentences.Add(de ? $"Bringt {held} mit (von Vorteil)." : $"Holds {held} (nice to have).");
        }

        if (features.OccupationExperienceYears > 0 && need.Occupation >= 0)
        {
            var years = features.OccupationExperienceYears.ToString("0.#", culture);
            sentences.Add(de ? $"{years} Jahre Erfahrung als {OccupationLabel(need.Occupation)} oder in einem verwandten Beruf."
                : $"{years} years' experience as {OccupationLabel(need.Occupation)} or in a related occupation.");
        }

        if (plan is { Steps.Count: > 0 })
        {
            var courses = string.Join(", ", plan.Steps.Select(s => s.CourseTitle));
            var ready = plan.ReadyBy.ToString(de ? "d. MMMM yyyy" : "d MMMM yyyy", culture);
            sentences.Add(plan.ReadyInTime
                ? (de ? $"Mit Weiterbildung bereit bis {ready}: {courses}." : $"Ready by {ready} with training: {courses}.")
                : de ? $"Weiterbildung schließt einen Teil der Lücke bis {ready}: {courses}." : $"Training closes part of the gap by {ready}: {courses}.");
        }

        // Only a move a caseworker can see on the 0–100 scale is worth a sentence.
        var points = (int)Math.Round(100 * score.Correction, MidpointRounding.AwayFromZero);
        if (score.Movers.Count > 0 && points != 0)
        {
            var shown = points.ToString("+0;-0", culture);
            var unit = Math.Abs(points) == 1 ? (de ? "Punkt" : "point") : (de ? "Punkte" : "points");
            var values = features;
            var reasons = string.Join(de ? " und " : " and ", score.Movers.Select(m => Mover(m.Feature, values, need, commute, taxonomy, de, culture)));
            sentences.Add(points > 0
                ? (de ? $"Vom gelernten Modell höher eingestuft ({shown} {unit}) wegen {reasons}." : $"Ranked higher by the learned model ({shown} {unit}) because of {reasons}.")
                : de ? $"Vom gelernten Modell niedriger eingestuft ({shown} {unit}) wegen {reasons}." : $"Ranked lower by the learned model ({shown} {unit}) because of {reasons}.");
        }

        var byCar = index.HasCar(slot);
        sentences.Add(de
            ? $"Anfahrt etwa {commute} Minuten {(byCar ? "mit dem Auto" : "mit öffentlichen Verkehrsmitteln")}."
            : $"About {commute} minutes' commute {(byCar ? "by car" : "by public transport")}.");

        var available = DateOnly.FromDayNumber(index.AvailableFrom[slot]);
        var start = DateOnly.FromDayNumber(Math.Max(need.StartDay, todayDay));
        sentences.Add(available.DayNumber <= todayDay
            ? (de ? "Sofort verfügbar." : "Available now.")
            : de ? $"Verfügbar ab {available.ToString("d. MMMM yyyy", culture)}, Beginn {start.ToString("d. MMMM yyyy", culture)}."
            : $"Available from {available.ToString("d MMMM yyyy", culture)}, start {start.ToString("d MMMM yyyy", culture)}.");
        return sentences;
    }

    /// <summary>A certificate's short name: "Staplerschein", not "Staplerschein (Fahrausweis für Flurförderzeuge)".</summary>
    private static string CertificateName(string label) =>
        label.IndexOf(" (", StringComparison.Ordinal) is > 0 and var cut ? label[..cut] : label;

    /// <summary>One feature as a phrase after "wegen" / "because of", with its value.</summary>
    private static string Mover(int feature, in CandidateFeatures f, ResolvedNeed need, int commute, SkillTaxonomy taxonomy, bool de, CultureInfo culture)
    {
        var must = need.MustSkills.Length;
        string Count(float share) => Math.Round(share * must).ToString("0", culture);
        var occupation = need.Occupation >= 0 ? taxonomy.Occupations[need.Occupation].Label(de ? Language.German : Language.English).Split('/')[0] : null;
        return CandidateFeatures.Names[feature] switch
        {
            "mustHaveCoverage" => de ? $"{Count(f.MustHaveCoverage)} von {must} Muss-Kompetenzen" : $"{Count(f.MustHaveCoverage)} of {must} must-have skills",
            "mustHaveImplied" => de ? "aus der Berufserfahrung anzunehmender Muss-Kompetenzen" : "must-have skills likely from experience",
            "mustHaveCoverageWithTraining" => de ? $"{Count(f.MustHaveCoverageWithTraining)} von {must} Muss-Kompetenzen mit Weiterbildung" : $"{Count(f.MustHaveCoverageWithTraining)} of {must} must-have skills with training",
            "skillFit" => de ? "seltener gefragter Kompetenzen" : "rarely held required skills",
            "niceToHaveCoverage" => de ? "erwünschter Zusatzkompetenzen" : "nice-to-have skills",
            "levelDeficit" => de ? "des Kompetenzniveaus" : "skill levels",
            "relatedSkillCredit" => de ? "verwandter Kompetenzen" : "related skills",
            "certificateGap" => de ? "der Zertifikate" : "certificates",
            "languageGap" => de ? "der Sprachkenntnisse" : "language skills",
            "commuteMinutes" => de ? $"{commute} Minuten Anfahrt" : $"a {commute}-minute commute",
            "availabilitySlackDays" => de ? "der Verfügbarkeit" : "availability",
            "occupationExperienceYears" => occupation is null
                ? (de ? "der Berufserfahrung" : "work experience")
                : de ? $"{f.OccupationExperienceYears.ToString("0.#", culture)} Jahren Erfahrung als {occupation}" : $"{f.OccupationExperienceYears.ToString("0.#", culture)} years' experience as {occupation}",
            "hoursFit" => de ? "passender Wochenstunden" : "matching weekly hours",
            "trainingWeeks" => de ? $"{f.TrainingWeeks.ToString("0", culture)} Wochen Weiterbildung" : $"{f.TrainingWeeks.ToString("0", culture)} weeks of training",
            _ => CandidateFeatures.Names[feature],
        };
    }
}
