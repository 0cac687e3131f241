using System.Globalization;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Samples;

public sealed partial class SampleGenerator
{
    /// <summary>Rows a caseworker is shown per need: the default depth of a list worked through.</summary>
    public const int ShownDepth = 20;

    /// <summary>Examination probability of rank r: 1 / r^<see cref="ExaminationDecay"/>.</summary>
    public const double ExaminationDecay = 0.7;

    /// <summary>
    /// A simulated hiring history over the engine's own lists (docs/sample-data.md): for each need
    /// the real matcher (heuristic, training-aware over the generated courses) ranks the generated
    /// clients as of the day the caseworker looked; every shown row is an impression. The caseworker
    /// examines rank r with probability 1/r^0.7 and proposes the best-judged of the examined rows
    /// (must-have fit, experience and commute as they see them, plus noise). Each employer then weighs must-haves,
    /// experience in the occupation, commute and German beyond the minimum with weights of its own,
    /// plus noise. The best-liked candidate of a filled need is hired, well-liked ones invited, the
    /// rest rejected with the reason that weighed most against them.
    /// </summary>
    private (List<OutcomeRow> Outcomes, List<ImpressionRow> Impressions) Outcomes(List<NeedRow> needs, List<ClientRow> clients, List<CourseRow> courses)
    {
        var index = Engine.Matching.CandidateIndex.Build(_reference, clients.Select(c => c.ToProfile()));
        var planner = new Engine.Training.TrainingPlanner(_reference, index.Travel, [.. courses.Select(c => c.ToOffer())]);
        var matcher = new Engine.Matching.Matcher(index, new Engine.Matching.MatchingOptions(), planner);
        var byId = clients.ToDictionary(c => c.Id);
        var travel = index.Travel;
        var rows = new List<OutcomeRow>();
        var impressions = new List<ImpressionRow>();
        var lists = 0;
        foreach (var need in needs.Where(n => n.Status is "Filled" or "Closed" || (n.Status == "Open" && _random.NextDouble() < 0.3)))
        {
            var date = Min(need.PeriodStart.AddDays(-_random.Next(3, 30)), _asOf);
            // The generated caseload is today's: for a past need it stands in for the caseload of the
            // time, ranked as if the need started as long after today as it started after the list was seen.
            var profile = need.ToProfile();
            var listDay = date;
            if (need.Status is "Filled" or "Closed")
            {
                profile = profile with { PeriodStart = _asOf.AddDays(need.PeriodStart.DayNumber - date.DayNumber) };
                listDay = _asOf;
            }

            var shown = matcher.CandidatesFor(profile, ShownDepth, listDay, Engine.Taxonomy.Language.German);
            if (shown.Count == 0)
            {
                continue;
            }

            var listId = new Guid($"00000000-0000-7000-8000-{++lists:x12}");
            var firstImpression = impressions.Count + 1;
            impressions.AddRange(shown.Select((r, i) => new ImpressionRow(
                firstImpression + i, listId.ToString(), nameof(SkillsMatch.Server.Features.Ranking.ListKind.Candidates), need.Id, r.ClientId, i + 1, "heuristic",
                Engine.Matching.CandidateFeatures.SchemaVersion, FormatFeatures(r.Features), date)));

            // The caseworker reads down the list, examining rank r with probability 1/r^0.7, and
            // proposes the examined rows they judge best: the list's score plus a judgement of their own.
            var must = need.MustHave.Split(';').Select(s => s.Split(':')[0]).ToArray();
            var required = Cefr(need.Languages.Split(';').FirstOrDefault(l => l.StartsWith("de:", StringComparison.Ordinal))?[3..] ?? "A1");
            var weights = EmployerWeights(need.EmployerId);
            var judged = shown
                .Select((r, i) => (Row: r, Rank: i + 1, Examined: _random.NextDouble() < Math.Pow(i + 1, -ExaminationDecay), Judgement: Judgement(r.Features) + Gaussian(0.15)))
                .ToList();
            var proposed = judged
                .Where(j => j.Examined)
                .OrderByDescending(j => j.Judgement)
                .ThenBy(j => j.Rank)
                .Take(_random.Next(3, 8))
                .Select(j =>
                {
                    var client = byId[j.Row.ClientId];
                    var coverage = must.Count(m => client.Skills.Contains(m, StringComparison.Ordinal)) / (double)must.Length;
                    var years = client.PastOccupations.Split(';', StringSplitOptions.RemoveEmptyEntries)
                        .Select(p => p.Split(':'))
                        .Where(p => p[0] == need.OccupationId)
                        .Sum(p => double.Parse(p[1], CultureInfo.InvariantCulture));
                    var commute = travel.Minutes(travel.IndexOf(client.HomeMunicipalityAgs), travel.IndexOf(need.MunicipalityAgs), client.HasCar);
                    var german = Cefr(client.Languages.Split(';').FirstOrDefault(l => l.StartsWith("de:", StringComparison.Ordinal))?[3..] ?? "A1");
                    var terms = (
                        Must: weights.Must * coverage,
                        Experience: weights.Experience * Math.Min(1, years / 3),
                        Commute: -weights.Commute * commute / 45.0,
                        Language: weights.Language * Math.Clamp(german - required, -2, 2) / 2.0);
                    var utility = terms.Must + terms.Experience + terms.Commute + terms.Language + Gaussian(0.2);
                    return (Client: client, j.Rank, Utility: utility, Terms: terms);
                })
                .OrderByDescending(c => c.Utility)
                .ToList();
            for (var place = 0; place < proposed.Count; place++)
            {
                var (client, shownRank, utility, terms) = proposed[place];
                var (stage, reason) = need.Status switch
                {
                    "Filled" when place == 0 => ("Hired", (string?)null),
                    "Open" when place == 0 && utility > 0.3 => ("Invited", null),
                    "Open" => ("Proposed", null),
                    _ when utility > 0.55 && place <= 2 => ("Invited", null),
                    _ => ("Rejected", RejectionReason(terms)),
                };
                var passedOver = shownRank > proposed.Count;
                rows.Add(new OutcomeRow(
                    rows.Count + 1, need.Id, client.Id, stage, reason, date, $"IFK-{_random.Next(1, 26):00}", shownRank,
                    passedOver && _random.NextDouble() < 0.7 ? Pick(PassOverReasons) : null, firstImpression + shownRank - 1));
            }
        }

        return (rows, impressions);
    }

    /// <summary>
    /// What a caseworker who knows the client weighs, unlike the heuristic: must-have fit first, then
    /// experience in the occupation (full at three years) and the commute (a full point per 90 minutes).
    /// </summary>
    private static double Judgement(Engine.Matching.CandidateFeatures f) =>
        f.MustHaveCoverage + (0.5 * Math.Min(1, f.OccupationExperienceYears / 3)) - (f.CommuteMinutes / 90.0);

    /// <summary>Features as stored in <c>impressions.csv</c>: ';'-separated, in <see cref="Engine.Matching.CandidateFeatures.Names"/> order.</summary>
    private static string FormatFeatures(Engine.Matching.CandidateFeatures features) =>
        string.Join(';', features.ToArray().Select(f => f.ToString("0.####", CultureInfo.InvariantCulture)));

    private static readonly string[] PassOverReasons =
    [
        "Höher gelistete Klienten bereits in einer Maßnahme", "Höher gelistete Klienten nicht erreichbar",
        "Arbeitszeiten passen nicht zu den höher gelisteten Klienten", "Persönlicher Eindruck aus dem Beratungsgespräch",
    ];

    /// <summary>How much an employer cares about each criterion: its own, stable across its needs.</summary>
    private static (double Must, double Experience, double Commute, double Language) EmployerWeights(int employerId)
    {
        var random = new Random(employerId * 7919);
        return (0.4 + random.NextDouble(), 0.2 + random.NextDouble(), 0.2 + random.NextDouble(), random.NextDouble() * 0.6);
    }

    private static string RejectionReason((double Must, double Experience, double Commute, double Language) terms)
    {
        var worst = new[] { (terms.Must, "Fachliche Anforderungen nicht erfüllt"), (terms.Experience, "Erfahrung fehlt"), (terms.Commute, "Anfahrt zu weit"), (terms.Language, "Deutschkenntnisse nicht ausreichend") }
            .OrderBy(t => t.Item1)
            .First();
        return worst.Item2;
    }

    private double Gaussian(double deviation)
    {
        // Box–Muller: two uniform draws, one normal value.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static int Cefr(string level) => level switch
    {
        "A1" => 1,
        "A2" => 2,
        "B1" => 3,
        "B2" => 4,
        "C1" => 5,
        "C2" => 6,
        _ => 0,
    };
}
