using System.Globalization;

namespace SkillsMatch.Server.Features.Samples;

public sealed partial class SampleGenerator
{
    /// <summary>
    /// A simulated hiring history (docs/sample-data.md): caseworkers propose the clients who cover
    /// the most must-have skills; each employer then weighs must-haves, experience in the
    /// occupation, commute and German beyond the minimum with weights of its own, plus noise. The
    /// best-liked candidate of a filled need is hired, well-liked ones invited, the rest rejected
    /// with the reason that weighed most against them.
    /// </summary>
    private List<OutcomeRow> Outcomes(List<NeedRow> needs, List<ClientRow> clients)
    {
        var bySkill = new Dictionary<string, List<ClientRow>>(StringComparer.Ordinal);
        foreach (var client in clients.Where(c => c.ConsentToShare))
        {
            foreach (var skill in client.Skills.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split(':')[0]))
            {
                if (!bySkill.TryGetValue(skill, out var list))
                {
                    bySkill[skill] = list = [];
                }

                list.Add(client);
            }
        }

        var travel = new Engine.Matching.TravelTimes(_reference.Regions);
        var rows = new List<OutcomeRow>();
        foreach (var need in needs.Where(n => n.Status is "Filled" or "Closed" || (n.Status == "Open" && _random.NextDouble() < 0.3)))
        {
            var must = need.MustHave.Split(';').Select(s => s.Split(':')[0]).ToArray();
            var required = Cefr(need.Languages.Split(';').FirstOrDefault(l => l.StartsWith("de:", StringComparison.Ordinal))?[3..] ?? "A1");
            var weights = EmployerWeights(need.EmployerId);
            // The list the caseworker saw: by must-have coverage. The caseworker mostly proposes from
            // its top, sometimes passing over someone for a reason of their own.
            var shown = must.SelectMany(s => bySkill.GetValueOrDefault(s) ?? []).Distinct()
                .Select(c => (Client: c, Coverage: must.Count(m => c.Skills.Contains(m, StringComparison.Ordinal)) / (double)must.Length, Noise: _random.NextDouble()))
                .OrderByDescending(c => c.Coverage)
                .ThenBy(c => c.Client.Id)
                .ToList();
            var rankShown = shown.Select((c, i) => (c.Client.Id, Rank: i + 1)).ToDictionary(p => p.Id, p => p.Rank);
            var proposed = shown
                .OrderByDescending(c => c.Coverage + (0.5 * c.Noise))
                .ThenBy(c => c.Client.Id)
                .Take(_random.Next(3, 8))
                .Select(c =>
                {
                    var years = c.Client.PastOccupations.Split(';', StringSplitOptions.RemoveEmptyEntries)
                        .Select(p => p.Split(':'))
                        .Where(p => p[0] == need.OccupationId)
                        .Sum(p => double.Parse(p[1], CultureInfo.InvariantCulture));
                    var commute = travel.Minutes(travel.IndexOf(c.Client.HomeMunicipalityAgs), travel.IndexOf(need.MunicipalityAgs), c.Client.HasCar);
                    var german = Cefr(c.Client.Languages.Split(';').FirstOrDefault(l => l.StartsWith("de:", StringComparison.Ordinal))?[3..] ?? "A1");
                    var terms = (
                        Must: weights.Must * c.Coverage,
                        Experience: weights.Experience * Math.Min(1, years / 3),
                        Commute: -weights.Commute * commute / 45.0,
                        Language: weights.Language * Math.Clamp(german - required, -2, 2) / 2.0);
                    var utility = terms.Must + terms.Experience + terms.Commute + terms.Language + Gaussian(0.2);
                    return (c.Client, Utility: utility, Terms: terms);
                })
                .OrderByDescending(c => c.Utility)
                .ToList();
            var date = Min(need.PeriodStart.AddDays(-_random.Next(3, 30)), _asOf);
            for (var rank = 0; rank < proposed.Count; rank++)
            {
                var (client, utility, terms) = proposed[rank];
                var (stage, reason) = need.Status switch
                {
                    "Filled" when rank == 0 => ("Hired", (string?)null),
                    "Open" when rank == 0 && utility > 0.3 => ("Invited", null),
                    "Open" => ("Proposed", null),
                    _ when utility > 0.55 && rank <= 2 => ("Invited", null),
                    _ => ("Rejected", RejectionReason(terms)),
                };
                var shownRank = rankShown[client.Id];
                var passedOver = shownRank > proposed.Count;
                rows.Add(new OutcomeRow(
                    rows.Count + 1, need.Id, client.Id, stage, reason, date, $"IFK-{_random.Next(1, 26):00}", shownRank,
                    passedOver && _random.NextDouble() < 0.7 ? Pick(PassOverReasons) : null));
            }
        }

        return rows;
    }

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
