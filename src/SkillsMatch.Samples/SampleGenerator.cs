using System.Globalization;
using CsvHelper;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Samples;

/// <summary>
/// An occupation typical for a sector's helper and skilled-worker vacancies (<c>data/samples/sector_occupations.csv</c>),
/// with the core skills employers ask for in it (<c>data/samples/core_skills.csv</c>, a curated part of ESCO's list).
/// </summary>
public sealed record SectorOccupation(string Sector, Occupation Occupation, double Weight, string[] Certificates, string LanguageLevel, double ShiftShare, int TypicalHours)
{
    public int[] CoreSkills { get; init; } = [];
}

/// <summary>
/// Makes deterministic, realistic sample data for a county: employers of its sectors in its
/// municipalities, client profiles and needs drawn from ESCO occupation–skill relations so
/// that they fit together, a course catalogue and a history of outcomes. Same seed, same data.
/// </summary>
public sealed partial class SampleGenerator
{
    public static readonly DateOnly DefaultAsOf = new(2026, 11, 2);

    private static readonly string[] Surnames =
    [
        "Becker", "Schmitt", "Hoffmann", "Wagner", "Weber", "Müller", "Schneider", "Fischer", "Meyer", "Koch", "Bauer", "Richter",
        "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner",
        "Krause", "Lehmann", "Köhler", "Maurer", "Jung", "Hahn", "Keller", "Vogel", "Friedrich", "Engel", "Gutmann", "Dexheimer",
    ];

    private static readonly Dictionary<string, string[]> EmployerPatterns = new(StringComparer.Ordinal)
    {
        ["wine_agriculture"] = ["Weingut {0}", "Winzerhof {0}", "Obsthof {0}", "Weingut {0} & Söhne", "Gemüsebau {0}"],
        ["logistics"] = ["{0} Logistik GmbH", "Spedition {0}", "Logistikzentrum {1}", "{0} Transporte"],
        ["pharma_chemicals"] = ["{1} Pharma GmbH", "Chemiewerk {1}", "{0} Feinchemie", "Rheinhessen Biotech {1}"],
        ["health_care"] = ["Seniorenzentrum {1}", "Ambulanter Pflegedienst {0}", "Pflegeheim St. {0}", "Sozialstation {1}"],
        ["retail"] = ["Markt {0}", "{0} Einzelhandel", "Getränkemarkt {1}", "Bäckerei {0}"],
        ["hospitality"] = ["Hotel {1}er Hof", "Gasthaus {0}", "Weinstube {0}", "Restaurant Rheinblick {1}"],
        ["construction"] = ["{0} Bau GmbH", "Malerbetrieb {0}", "Dachdeckerei {0}", "Elektro {0}", "{0} Haustechnik"],
        ["public_sector"] = ["Verbandsgemeindeverwaltung {2}", "Kita {1}", "Bauhof {1}", "Wachdienst {0}"],
        ["cleaning_services"] = ["{0} Gebäudeservice", "Reinigungsdienst {1}", "{0} Facility Services"],
        ["manufacturing"] = ["{0} Metallbau", "{1}er Maschinenbau", "{0} Kunststofftechnik", "Verpackungswerk {1}"],
    };

    private static readonly string[] Providers =
    [
        "Bildungswerk Rheinhessen", "Volkshochschule Mainz-Bingen", "Berufsförderungszentrum Bingen", "Akademie Ingelheim",
        "Fahrschule & Bildung Nieder-Olm", "Pflegeschule Rheinhessen", "DEKRA Akademie Mainz", "IHK-Bildungszentrum Rheinhessen",
        "Handwerkskammer-Bildungszentrum", "Sprachschule Alzey-Bingen",
    ];

    private readonly ReferenceData _reference;
    private readonly Random _random;
    private readonly DateOnly _asOf;
    private readonly List<SectorOccupation> _occupations;
    private readonly List<Municipality> _municipalities;
    private readonly int[] _generalSkills;

    public SampleGenerator(ReferenceData reference, int seed, DateOnly asOf, string district = "07339")
    {
        _reference = reference;
        _random = new Random(seed);
        _asOf = asOf;
        (_occupations, _generalSkills) = LoadSectorOccupations(reference);
        _municipalities = [.. reference.Regions.Municipalities.Where(m => m.DistrictAgs == district).OrderBy(m => m.Ags, StringComparer.Ordinal)];
        if (_municipalities.Count == 0)
        {
            throw new InvalidOperationException($"No municipalities of district {district} in the reference data.");
        }
    }

    public SampleSet Generate(int clientCount)
    {
        var employers = Employers();
        var rounds = ForumRounds();
        var needs = Needs(employers, rounds);
        var comments = Comments(needs);
        var clients = Clients(clientCount);
        var courses = Courses();
        var (outcomes, impressions) = Outcomes(needs, clients, courses);
        return new SampleSet(employers, rounds, needs, comments, clients, courses, outcomes, impressions);
    }

    private List<EmployerRow> Employers()
    {
        var rows = new List<EmployerRow>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sectors = _occupations.Select(o => o.Sector).Distinct().ToList();
        var perSector = new Dictionary<string, int>
        {
            ["wine_agriculture"] = 45, ["logistics"] = 30, ["pharma_chemicals"] = 12, ["health_care"] = 35, ["retail"] = 35,
            ["hospitality"] = 30, ["construction"] = 30, ["public_sector"] = 15, ["cleaning_services"] = 12, ["manufacturing"] = 20,
        };
        foreach (var sector in sectors)
        {
            for (var i = 0; i < perSector.GetValueOrDefault(sector, 15); i++)
            {
                var place = Municipality();
                var pattern = Pick(EmployerPatterns[sector]);
                var name = string.Format(CultureInfo.InvariantCulture, pattern, Pick(Surnames), ShortName(place.Name), ShortName(place.Association));
                if (!names.Add(name))
                {
                    continue;
                }

                var id = rows.Count + 1;
                rows.Add(new EmployerRow(id, name, sector, place.Ags, $"Personalabteilung {id}", $"jobs{id}@arbeitgeber.example"));
            }
        }

        return rows;
    }

    private List<ForumRoundRow> ForumRounds()
    {
        var rows = new List<ForumRoundRow>();
        var sectors = _occupations.Select(o => o.Sector).Distinct().ToList();
        var associations = _municipalities.Select(m => (m.AssociationCode, m.Association)).Distinct().ToList();
        for (var quarter = -2; quarter <= 2; quarter++)
        {
            var date = _asOf.AddMonths(quarter * 3).AddDays(_random.Next(-10, 10));
            var sector = sectors[(quarter + 2) * 2 % sectors.Count];
            var label = _reference.Vocabulary.FindSector(sector)!.LabelDe;
            rows.Add(new ForumRoundRow(rows.Count + 1, $"Kompetenzforum {label} {date:yyyy-MM}", sector, null, date, "Bedarfe der Branche für die nächsten zwölf Monate."));
            var (code, name) = associations[(quarter + 2) % associations.Count];
            rows.Add(new ForumRoundRow(rows.Count + 1, $"Regionalforum {ShortName(name)} {date:yyyy-MM}", null, code, date.AddDays(14), "Arbeitgeber der Verbandsgemeinde im Austausch mit dem Jobcenter."));
        }

        return rows;
    }

    private List<NeedRow> Needs(List<EmployerRow> employers, List<ForumRoundRow> rounds)
    {
        var rows = new List<NeedRow>();
        var bySector = employers.GroupBy(e => e.Sector).ToDictionary(g => g.Key, g => g.ToList());

        // Open vacancies (about 1,500 on file), a history of filled and closed ones, and forecasts in forum rounds.
        void Add(string kind, string status, int? roundId, DateOnly start, string? sector)
        {
            var occupation = sector is null ? WeightedOccupation(_occupations) : WeightedOccupation([.. _occupations.Where(o => o.Sector == sector)]);
            var employer = Pick(bySector[occupation.Sector]);
            var seasonal = occupation.Sector == "wine_agriculture" && _random.NextDouble() < 0.6;
            DateOnly? end = seasonal ? start.AddDays(_random.Next(42, 100)) : _random.NextDouble() < 0.25 ? start.AddMonths(_random.Next(6, 25)) : null;
            var must = SkillsOf(occupation.CoreSkills, _random.Next(3, 6), avoid: []);
            var nice = SkillsOf([.. occupation.CoreSkills, .. _generalSkills], _random.Next(1, 4), avoid: must);
            var hours = _random.NextDouble() < 0.25 ? Pick(new[] { 20, 25, 30 }) : occupation.TypicalHours;
            var label = occupation.Occupation.LabelDe.Split('/')[0];
            rows.Add(new NeedRow(
                rows.Count + 1, kind, employer.Id, roundId, seasonal ? $"{label} (Saison)" : label, occupation.Occupation.Id,
                _random.NextDouble() < 0.75 ? 1 : _random.Next(2, seasonal ? 12 : 5),
                start, end, hours, _random.NextDouble() < occupation.ShiftShare, employer.MunicipalityAgs,
                _random.NextDouble() < 0.2 ? Pick(new[] { 30, 45, 60 }) : null,
                string.Join(';', must.Select(s => $"{_reference.Taxonomy.Skills[s].Id}:{Level(2)}")),
                string.Join(';', nice.Select(s => $"{_reference.Taxonomy.Skills[s].Id}:{Level(1)}")),
                string.Join(';', occupation.Certificates),
                $"de:{occupation.LanguageLevel}",
                seasonal ? "Bereitschaft zur Arbeit im Freien bei jedem Wetter." : occupation.ShiftShare > 0.5 ? "Bereitschaft zu Schichtarbeit." : null,
                status));
        }

        for (var i = 0; i < 1500; i++)
        {
            Add("Vacancy", "Open", null, _asOf.AddDays(_random.Next(-45, 60)), null);
        }

        for (var i = 0; i < 450; i++)
        {
            Add("Vacancy", _random.NextDouble() < 0.6 ? "Filled" : _random.NextDouble() < 0.7 ? "Closed" : "Expired", null, _asOf.AddDays(-_random.Next(60, 540)), null);
        }

        foreach (var round in rounds.Where(r => r.Date >= _asOf.AddMonths(-4)))
        {
            for (var i = 0; i < 40; i++)
            {
                var start = round.Date.AddDays(_random.Next(60, 300));
                var status = round.Date > _asOf && _random.NextDouble() < 0.2 ? "Draft" : "Open";
                Add("Forecast", status, round.Id, start, round.Sector);
            }
        }

        return rows;
    }

    private List<NeedCommentRow> Comments(List<NeedRow> needs)
    {
        string[] texts =
        [
            "Wir bieten eine Einarbeitung von vier Wochen.", "Quereinsteiger sind willkommen.", "Teilzeit ist nach Absprache möglich.",
            "Der Bedarf steigt zur Weinlese deutlich.", "Ein Staplerschein kann bei uns nachgeholt werden.", "Bitte nur Bewerber mit Deutsch B1.",
            "Kinderbetreuung vor Ort ist vorhanden.", "Arbeitsbeginn ist flexibel.", "Wir können zwei Praktikumsplätze anbieten.",
        ];
        var rows = new List<NeedCommentRow>();
        foreach (var need in needs.Where(_ => _random.NextDouble() < 0.15))
        {
            rows.Add(new NeedCommentRow(rows.Count + 1, need.Id, need.ForumRoundId is null ? "Arbeitgeber" : "Kompetenzforum", Pick(texts), Min(need.PeriodStart.AddDays(-_random.Next(5, 40)), _asOf)));
        }

        return rows;
    }

    private List<ClientRow> Clients(int count)
    {
        var rows = new List<ClientRow>(count);
        for (var i = 1; i <= count; i++)
        {
            var home = Municipality();
            var pastCount = _random.NextDouble() < 0.15 ? 0 : _random.Next(1, 3);
            var past = Enumerable.Range(0, pastCount).Select(_ => WeightedOccupation(_occupations)).DistinctBy(o => o.Occupation.Id).ToList();
            var skills = new List<(int Skill, int Level, string Evidence)>();
            foreach (var occupation in past)
            {
                foreach (var s in occupation.CoreSkills.Where(_ => _random.NextDouble() < 0.6))
                {
                    skills.Add((s, Level(2), _random.NextDouble() < 0.8 ? "WorkExperience" : "Assessment"));
                }
            }

            foreach (var s in Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick(_generalSkills)))
            {
                skills.Add((s, Level(2), "SelfReported"));
            }

            var licence = _random.NextDouble() < 0.6;
            var car = licence && _random.NextDouble() < 0.65;
            var certificates = new List<string>();
            if (licence)
            {
                certificates.Add("LIC-B");
            }

            foreach (var occupation in past)
            {
                certificates.AddRange(occupation.Certificates.Where(_ => _random.NextDouble() < 0.6));
            }

            if (_random.NextDouble() < 0.15)
            {
                certificates.Add("FIRST-AID");
            }

            var germanLevel = Pick(new[] { "C2", "C2", "C2", "C2", "C1", "B2", "B2", "B1", "B1", "B1", "A2", "A2", "A1" });
            var languages = new List<string> { $"de:{germanLevel}" };
            if (germanLevel != "C2")
            {
                languages.Add($"{Pick(new[] { "ar", "tr", "uk", "ru", "pl", "ro", "fa", "ti", "bg", "ku" })}:C2");
            }

            if (_random.NextDouble() < 0.35)
            {
                languages.Add($"en:{Pick(new[] { "A1", "A2", "B1", "B2" })}");
            }

            var desired = past.Select(o => o.Occupation.Id).Concat([WeightedOccupation(_occupations).Occupation.Id]).Distinct().Take(2);
            var barriers = new List<string>();
            void Maybe(string code, double p)
            {
                if (_random.NextDouble() < p)
                {
                    barriers.Add(code);
                }
            }

            Maybe("no_qualification", 0.5);
            Maybe("long_absence", 0.4);
            Maybe("health", 0.25);
            Maybe("childcare", 0.15);
            Maybe("care_duties", 0.06);
            Maybe("debt", 0.15);
            Maybe("housing", 0.05);
            Maybe("addiction", 0.04);
            Maybe("psychosocial", 0.08);
            if (germanLevel is "A1" or "A2")
            {
                barriers.Add("language");
            }

            if (!car)
            {
                Maybe("mobility", 0.3);
            }

            rows.Add(new ClientRow(
                i,
                $"K-{i:000000}",
                $"IFK-{_random.Next(1, 26):00}",
                string.Join(';', skills.DistinctBy(s => s.Skill).Select(s => $"{_reference.Taxonomy.Skills[s.Skill].Id}:{s.Level}:{s.Evidence}")),
                string.Join(';', certificates.Distinct()),
                string.Join(';', languages),
                string.Join(';', past.Select(o => $"{o.Occupation.Id}:{Math.Round(0.5 + _random.NextDouble() * 12, 1).ToString(CultureInfo.InvariantCulture)}")),
                string.Join(';', desired),
                _asOf.AddDays(_random.Next(-30, 120)),
                Pick(new[] { 15, 20, 25, 30, 30, 35, 39, 40, 40, 40 }),
                licence,
                car,
                Pick(new[] { 20, 30, 30, 45, 45, 60, 60, 75 }),
                home.Ags,
                string.Join(';', barriers),
                _random.NextDouble() < 0.85,
                _random.NextDouble() < 0.01 ? "diverse" : _random.NextDouble() < 0.48 ? "female" : "male",
                _asOf.Year - _random.Next(18, 64),
                germanLevel == "C2" ? "DE" : Pick(new[] { "SY", "TR", "UA", "RU", "PL", "RO", "AF", "ER", "BG", "IQ", "DE" }),
                _random.NextDouble() < 0.07));
        }

        return rows;
    }

    private List<int> SkillsOf(int[] candidates, int count, List<int> avoid)
    {
        var pool = candidates.Where(s => !avoid.Contains(s) && _reference.Taxonomy.Skills[s].LabelDe.Length > 0).Distinct().ToList();
        var chosen = new List<int>();
        while (chosen.Count < count && pool.Count > 0)
        {
            var i = _random.Next(pool.Count);
            chosen.Add(pool[i]);
            pool.RemoveAt(i);
        }

        return chosen;
    }

    private int Level(int typical) => Math.Clamp(typical + _random.Next(-1, 2), 1, 4);

    private Municipality Municipality()
    {
        // Weighted by population: bigger towns have more employers and more clients.
        var total = _municipalities.Sum(m => m.Population);
        var pick = _random.NextDouble() * total;
        foreach (var m in _municipalities)
        {
            pick -= m.Population;
            if (pick <= 0)
            {
                return m;
            }
        }

        return _municipalities[^1];
    }

    private SectorOccupation WeightedOccupation(IReadOnlyList<SectorOccupation> occupations)
    {
        var pick = _random.NextDouble() * occupations.Sum(o => o.Weight);
        foreach (var o in occupations)
        {
            pick -= o.Weight;
            if (pick <= 0)
            {
                return o;
            }
        }

        return occupations[^1];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>"Bingen am Rhein, Stadt" → "Bingen am Rhein".</summary>
    private static string ShortName(string name) => name.Split(',')[0].Trim();

    private static (List<SectorOccupation> Occupations, int[] GeneralSkills) LoadSectorOccupations(ReferenceData reference)
    {
        var folder = Path.Combine(reference.DataDirectory, "samples");
        var core = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var row in ReadCsv(Path.Combine(folder, "core_skills.csv")))
        {
            var skill = reference.Taxonomy.FindSkill(row["skill_id"]) ?? throw new InvalidDataException($"core_skills.csv: unknown skill {row["skill_id"]}");
            if (!core.TryGetValue(row["occupation_id"], out var list))
            {
                core[row["occupation_id"]] = list = [];
            }

            list.Add(skill.Index);
        }

        var occupations = new List<SectorOccupation>();
        foreach (var row in ReadCsv(Path.Combine(folder, "sector_occupations.csv")))
        {
            var occupation = reference.Taxonomy.FindOccupation(row["occupation_id"])
                ?? throw new InvalidDataException($"sector_occupations.csv: unknown occupation {row["occupation_id"]}");
            occupations.Add(new SectorOccupation(
                row["sector"],
                occupation,
                double.Parse(row["weight"], CultureInfo.InvariantCulture),
                row["certificates"].Split(';', StringSplitOptions.RemoveEmptyEntries),
                row["language_level"],
                double.Parse(row["shift_share"], CultureInfo.InvariantCulture),
                (int)Math.Round(double.Parse(row["typical_hours"], CultureInfo.InvariantCulture)))
            {
                CoreSkills = [.. core.GetValueOrDefault(occupation.Id) ?? []],
            });
        }

        return (occupations, [.. core.GetValueOrDefault("*") ?? []]);
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var csv = CsvReader.Create(File.OpenRead(path), CsvReaderOptions.Default, leaveOpen: false);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => csv.GetString(p.i) ?? string.Empty, StringComparer.Ordinal));
        }

        return rows;
    }
}
