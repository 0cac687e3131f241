using SkillsMatch.Engine.Reference;
using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Samples;

/// <summary>
/// The course catalogue of the samples, shaped like what a county buys (docs/sample-data.md):
/// Teilqualifizierungen (module series, each module teaching a share of the target occupations'
/// ESCO skills), short compact courses per occupation, licence and certificate courses,
/// job-related German courses and activation coaching (AVGS), with cohort calendars, formats and
/// prices in plausible ranges. It draws from a random source of its own, so the catalogue stays
/// the same when other parts of the samples change.
/// </summary>
public sealed partial class SampleGenerator
{
    private const int CatalogueSeed = 14;

    /// <summary>Module series per sector: series id, name, number of modules, module titles.</summary>
    private static readonly (string Sector, string Series, string Name, string[] Modules)[] ModuleSeries =
    [
        ("logistics", "TQ-FACHLAGERIST", "TQ Fachlagerist/in", ["Güter annehmen und kontrollieren", "Güter lagern", "Güter kommissionieren und verpacken", "Güter versenden", "Logistische Prozesse und Flurförderzeuge"]),
        ("health_care", "BQ-PFLEGEHELFER", "Basisqualifizierung Pflegehelfer/in", ["Grundlagen der Pflege", "Körperpflege und Mobilisation", "Alltagsbegleitung und Betreuung", "Hauswirtschaft und Ernährung in der Pflege"]),
        ("cleaning_services", "TQ-GEBAEUDEREINIGER", "TQ Gebäudereiniger/in", ["Unterhaltsreinigung", "Glas- und Fassadenreinigung", "Grund- und Sonderreinigung", "Hygiene und Desinfektion", "Maschinen und Reinigungstechnik"]),
        ("hospitality", "TQ-GASTRONOMIE", "TQ Fachkraft Gastronomie", ["Küche: Grundlagen", "Küche: Speisen zubereiten", "Service: Gäste betreuen", "Service: Getränke und Büfett", "Warenwirtschaft und Hygiene"]),
        ("retail", "TQ-VERKAEUFER", "TQ Verkäufer/in", ["Warenannahme und -pflege", "Kasse und Zahlungsverkehr", "Kundenberatung und Verkauf", "Warenpräsentation"]),
        ("wine_agriculture", "TQ-WEINBAU", "TQ Landwirtschaft und Weinbau", ["Weinbergsarbeiten im Jahreslauf", "Lese und Kellerwirtschaft", "Pflanzenbau und Pflanzenschutz", "Landtechnik"]),
        ("manufacturing", "TQ-MASCHINENFUEHRER", "TQ Maschinen- und Anlagenführer/in", ["Metallbearbeitung: Grundlagen", "Prüfen und Messen", "Anlagen einrichten und bedienen", "Instandhaltung", "Steuerungstechnik", "Qualitätssicherung und Fertigungsabläufe"]),
        ("pharma_chemicals", "TQ-PRODUKTION-CHEMIE", "TQ Produktionsfachkraft Chemie", ["Arbeitssicherheit und Umweltschutz", "Stoffe und Verfahren", "Anlagen bedienen", "Prüfen, Dokumentieren, GMP"]),
        ("construction", "TQ-HOCHBAU", "TQ Hochbaufacharbeiter/in", ["Baustelle einrichten", "Mauern und Betonieren", "Ausbau und Oberflächen", "Bauen im Bestand"]),
    ];

    private List<CourseRow> Courses()
    {
        var random = new Random(CatalogueSeed);
        var towns = _municipalities.OrderByDescending(m => m.Population).ThenBy(m => m.Ags, StringComparer.Ordinal).Take(12).ToList();
        var rows = new List<CourseRow>();

        // Only skills with a German everyday word: what a caseworker or provider would write.
        var everyday = _reference.Vocabulary.Synonyms.Where(s => s.Target == SynonymTarget.Skill).Select(s => s.TargetId).ToHashSet(StringComparer.Ordinal);
        T From<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        // Starts every few weeks from a month ago over the coming year ("laufender Einstieg" for modules).
        string Cohorts(int everyWeeks, int count)
        {
            var first = _asOf.AddDays(-random.Next(0, 7 * everyWeeks));
            return string.Join(';', Enumerable.Range(0, count).Select(i =>
            {
                var start = first.AddDays(7 * everyWeeks * i);
                var capacity = random.Next(8, 17);
                var taken = start < _asOf || random.NextDouble() < 0.1 ? capacity : random.Next(0, capacity - 1);
                return FormattableString.Invariant($"{start:yyyy-MM-dd}:{capacity}:{taken}");
            }));
        }

        string SkillCell(IEnumerable<int> skills, int level) => string.Join(';', skills.Select(s => $"{_reference.Taxonomy.Skills[s].Id}:{level}"));
        string Contents(IEnumerable<int> skills) => "Inhalte: " + string.Join(", ", skills.Select(s => _reference.Taxonomy.Skills[s].LabelDe)) + ".";
        string Id(string provider, string kind) => $"{string.Concat(provider.Split(' ', '-').Where(w => w.Length > 0).Select(w => w[0])).ToUpperInvariant()}-{kind}-{rows.Count + 1:000}";

        void Add(string provider, string title, IReadOnlyList<int> skills, int level, string certificates, string languages, string prerequisiteCertificates,
            string prerequisiteLanguages, int weeks, int hours, string cohorts, bool remote, decimal cost, string funding, string format, bool childcare,
            string kind, string? series = null, string? seriesName = null, int? module = null, string requires = "", string? content = null)
        {
            rows.Add(new CourseRow(
                rows.Count + 1, provider, title, SkillCell(skills, level), certificates, languages, string.Empty, prerequisiteCertificates, prerequisiteLanguages,
                weeks, hours, cohorts, remote ? null : From(towns).Ags, remote, cost, funding, funding != "Employer",
                Id(provider, kind), series, seriesName, module, requires, format, childcare, content ?? (skills.Count > 0 ? Contents(skills) : null)));
        }

        // Bildungsgutschein rates: about 6 to 12 euros per teaching hour (docs/sample-data.md).
        decimal Price(int weeks, int hours) => Math.Round(weeks * hours * (6m + (decimal)random.NextDouble() * 6m) / 10m, 0) * 10m;

        // 1. Teilqualifizierungen: the essential skills of the sector's occupations (the curated core
        //    skills first, then ESCO's further essential skills), module 1 the ones most occupations
        //    share, the rest dealt round the later modules. Every later module requires module 1.
        foreach (var (sector, series, name, modules) in ModuleSeries)
        {
            var occupations = _occupations.Where(o => o.Sector == sector).ToList();
            var skills = occupations.SelectMany(o => o.CoreSkills)
                .GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key)
                .Concat(occupations.SelectMany(o => o.Occupation.EssentialSkills).Distinct().Order())
                .Distinct()
                .Where(s => _reference.Taxonomy.Skills[s].LabelDe.Length > 0 && everyday.Contains(_reference.Taxonomy.Skills[s].Id))
                .Take(modules.Length * 9)
                .ToList();
            var perModule = new List<int>[modules.Length];
            for (var m = 0; m < modules.Length; m++)
            {
                perModule[m] = [];
            }

            var basics = Math.Max(3, skills.Count / (modules.Length * 2));
            perModule[0].AddRange(skills.Take(basics));
            var next = 1 % modules.Length;
            foreach (var skill in skills.Skip(basics))
            {
                perModule[next].Add(skill);
                next = next % (modules.Length - 1) + 1;
            }

            // Two full-time providers and a part-time one with childcare-compatible hours for most series.
            var providers = Providers.OrderBy(_ => random.Next()).Take(3).ToList();
            for (var p = 0; p < (sector is "construction" or "pharma_chemicals" ? 2 : 3); p++)
            {
                var partTime = p == 2;
                for (var m = 0; m < modules.Length; m++)
                {
                    var weeks = random.Next(8, 17);
                    var hours = partTime ? 20 : 35;
                    if (partTime)
                    {
                        weeks = (int)Math.Ceiling(weeks * 35 / 20.0);
                    }

                    Add(providers[p], $"{name} – Modul {m + 1}: {modules[m]}{(partTime ? " (Teilzeit 9–14 Uhr)" : "")}", perModule[m], 3, string.Empty, string.Empty, string.Empty,
                        "de:A2", weeks, hours, Cohorts(partTime ? 8 : 4, partTime ? 7 : 13), false, Price(weeks, hours), "Bildungsgutschein",
                        partTime ? "PartTime" : "FullTime", partTime, "TQ", series, name, m + 1, m == 0 ? string.Empty : "1");
                }
            }
        }

        // 2. Short compact courses per occupation, more for the frequent ones: 4–8 of its core skills in 2–6 weeks.
        foreach (var occupation in _occupations)
        {
            var label = occupation.Occupation.LabelDe.Split('/')[0];
            for (var k = 0; k < (occupation.Weight >= 8 ? 3 : occupation.Weight >= 5 ? 2 : 1); k++)
            {
                var skills = occupation.CoreSkills.Where(s => _reference.Taxonomy.Skills[s].LabelDe.Length > 0).OrderBy(_ => random.Next()).Take(random.Next(4, 9)).ToList();
                if (skills.Count == 0)
                {
                    continue;
                }

                var online = random.NextDouble() < 0.1;
                var partTime = !online && random.NextDouble() < 0.3;
                var weeks = random.Next(2, 7) * (partTime ? 2 : 1);
                var hours = partTime ? 20 : online ? 25 : 35;
                Add(From(Providers), $"Anpassungsqualifizierung {label}{(partTime ? " (Teilzeit)" : online ? " (online)" : "")}", skills, 3, string.Empty, string.Empty, string.Empty,
                    "de:A2", weeks, hours, Cohorts(random.Next(3, 7), 10), online, Price(weeks, hours), random.NextDouble() < 0.85 ? "Bildungsgutschein" : "Employer",
                    online ? "Online" : partTime ? "PartTime" : "FullTime", partTime || online, "AQ");
            }
        }

        // 3. Licence and certificate courses at several places, some part-time.
        foreach (var (code, weeks, hours, cost, prerequisite, german, places) in CertificateCourses)
        {
            if (_reference.Vocabulary.FindCertificate(code) is not { } certificate)
            {
                continue;
            }

            var skills = certificate.SkillId is { } id && _reference.Taxonomy.FindSkill(id) is { } skill ? new List<int> { skill.Index } : [];
            for (var place = 0; place < places; place++)
            {
                var partTime = hours >= 30 && weeks >= 4 && place == places - 1 && places > 1;
                var w = partTime ? (int)Math.Ceiling(weeks * hours / 20.0) : weeks;
                Add(From(Providers), $"{certificate.LabelDe} (Lehrgang{(partTime ? ", Teilzeit" : "")})", skills, 3, code, string.Empty, prerequisite, german,
                    w, partTime ? 20 : hours, Cohorts(weeks <= 1 ? 2 : 4, weeks <= 1 ? 20 : 10), false, Math.Round(cost * (0.9m + (decimal)random.NextDouble() * 0.25m), 0),
                    cost >= 300 ? "Bildungsgutschein" : "AVGS", partTime ? "PartTime" : hours >= 30 ? "FullTime" : "PartTime", partTime || hours <= 25, "ZK");
            }
        }

        // Berufskraftfahrer: CE with the basic qualification (module 95) in one course.
        for (var place = 0; place < 2; place++)
        {
            Add(From(Providers), "Berufskraftfahrer/in: Führerschein C/CE mit Grundqualifikation (Modul 95)", [], 3, "LIC-CE;CODE95", string.Empty, "LIC-B", "de:A2",
                14, 35, Cohorts(6, 8), false, Math.Round(9800m + random.Next(0, 2400), 0), "Bildungsgutschein", "FullTime", false, "ZK");
        }

        // 4. German: A2 (integration course), job-related German courses B1, B2, C1 full-time, part-time and online.
        foreach (var (from, to, weeksFull) in new[] { ("A1", "A2", 16), ("A2", "B1", 20), ("B1", "B2", 20), ("B2", "C1", 24) })
        {
            foreach (var (format, hours) in new[] { ("FullTime", 20), ("PartTime", 12), ("Online", 12) })
            {
                var weeks = weeksFull * 20 / hours;
                var title = to == "A2" ? "Integrationskurs Deutsch A2" : $"Berufssprachkurs Deutsch {from} → {to}";
                Add(From(Providers), $"{title}{(format == "FullTime" ? "" : format == "PartTime" ? " (Teilzeit, vormittags)" : " (online)")}", [], 3, string.Empty, $"de:{to}",
                    string.Empty, $"de:{from}", weeks, hours, Cohorts(8, 6), format == "Online", 0, to == "A2" ? string.Empty : "Berufssprachkurs", format, format != "FullTime", "DE");
            }
        }

        // 5. Activation and coaching (AVGS): applying, everyday structure, the general skills employers ask for.
        for (var k = 0; k < 12; k++)
        {
            var skills = _generalSkills.Where(s => _reference.Taxonomy.Skills[s].LabelDe.Length > 0).OrderBy(_ => random.Next()).Take(random.Next(3, 6)).ToList();
            var online = k % 4 == 3;
            var weeks = random.Next(4, 13);
            Add(From(Providers), online ? "Aktivierungscoaching online (AVGS)" : "Aktivierung und Bewerbungscoaching (AVGS)", skills, 2, string.Empty, string.Empty,
                string.Empty, string.Empty, weeks, random.Next(8, 21), Cohorts(2, 24), online, weeks * random.Next(140, 260), "AVGS",
                online ? "Online" : "PartTime", true, "AV");
        }

        return rows;
    }

    /// <summary>Certificate code, weeks, hours per week, typical cost, prerequisite certificate, prerequisite German level, places offered.</summary>
    private static readonly (string Code, int Weeks, int Hours, decimal Cost, string Prerequisite, string German, int Places)[] CertificateCourses =
    [
        ("FORKLIFT", 1, 35, 480, "", "de:A2", 5),
        ("LIC-B", 8, 10, 2800, "", "de:A2", 3),
        ("LIC-CE", 10, 35, 7400, "LIC-B", "de:A2", 2),
        ("CODE95", 4, 35, 2600, "LIC-CE", "de:A2", 2),
        ("ADR", 1, 35, 700, "LIC-B", "de:A2", 1),
        ("LIC-T", 2, 10, 900, "", "", 2),
        ("PLANT-PROTECTION", 2, 20, 450, "", "de:A2", 2),
        ("IFSG-43", 1, 4, 40, "", "", 4),
        ("HACCP", 1, 16, 260, "", "de:A2", 3),
        ("FIRST-AID", 1, 8, 60, "", "", 5),
        ("GMP", 1, 35, 650, "", "de:A2", 1),
        ("PFLEGEBASIS", 6, 35, 1600, "", "de:A2", 3),
        ("BETREUUNG-53C", 12, 35, 3200, "", "de:B1", 2),
        ("SACHKUNDE-34A", 4, 35, 1200, "", "de:B1", 2),
        ("UNTERRICHTUNG-34A", 1, 35, 480, "", "de:A2", 2),
        ("LOAD-SECURING", 1, 8, 190, "", "", 2),
        ("MEWP", 1, 16, 350, "", "", 2),
    ];
}
