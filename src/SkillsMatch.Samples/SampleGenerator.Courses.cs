using SkillsMatch.Server.Features.Samples;

namespace SkillsMatch.Samples;

/// <summary>The course catalogue of the samples: qualification, certificate and German courses.</summary>
public sealed partial class SampleGenerator
{
    private List<CourseRow> Courses()
    {
        var rows = new List<CourseRow>();
        foreach (var occupation in _occupations)
        {
            // Each typical occupation gets one or two courses teaching part of its essential skills.
            for (var k = 0; k < _random.Next(1, 3); k++)
            {
                var skills = SkillsOf(occupation.CoreSkills, _random.Next(2, 5), avoid: []);
                var weeks = Pick(new[] { 1, 2, 4, 6, 8, 12, 12, 16, 26, 40 });
                var remote = _random.NextDouble() < 0.1;
                var cohorts = Enumerable.Range(0, _random.Next(2, 5))
                    .Select(_ => _asOf.AddDays(_random.Next(-20, 300)))
                    .Order()
                    .Select(start =>
                    {
                        var capacity = _random.Next(8, 21);
                        return $"{start:yyyy-MM-dd}:{capacity}:{(start < _asOf ? capacity : _random.Next(0, capacity + 1))}";
                    });
                var label = occupation.Occupation.LabelDe.Split('/')[0];
                rows.Add(new CourseRow(
                    rows.Count + 1,
                    Pick(Providers),
                    weeks <= 13 ? $"Qualifizierung {label} (kompakt)" : $"Qualifizierung {label}",
                    string.Join(';', skills.Select(s => $"{_reference.Taxonomy.Skills[s].Id}:{_random.Next(2, 4)}")),
                    string.Empty,
                    string.Empty,
                    string.Empty,
                    string.Empty,
                    string.Empty,
                    weeks,
                    weeks <= 2 ? 40 : Pick(new[] { 20, 30, 35, 40 }),
                    string.Join(';', cohorts),
                    remote ? null : Municipality().Ags,
                    remote,
                    Math.Round(weeks * (150m + _random.Next(0, 250)), 0),
                    string.Join(';', _random.NextDouble() < 0.8 ? new[] { "Bildungsgutschein" } : new[] { "AVGS", "Employer" }),
                    _random.NextDouble() < 0.85));
            }
        }

        // Licence and certificate courses, and German courses: what employers' requirements call for.
        foreach (var (code, weeks, hours, cost, prerequisite, german) in CertificateCourses)
        {
            if (_reference.Vocabulary.FindCertificate(code) is not { } certificate)
            {
                continue;
            }

            var skill = certificate.SkillId is { } id ? $"{id}:2" : string.Empty;
            rows.Add(CatalogueCourse(rows.Count + 1, $"{certificate.LabelDe} (Lehrgang)", skill, code, string.Empty, prerequisite, german, weeks, hours, cost));
        }

        rows.Add(CatalogueCourse(rows.Count + 1, "Deutsch A2 (Integrationskurs, Aufbau)", string.Empty, string.Empty, "de:A2", string.Empty, "de:A1", 13, 20, 0));
        rows.Add(CatalogueCourse(rows.Count + 1, "Berufssprachkurs Deutsch B1", string.Empty, string.Empty, "de:B1", string.Empty, "de:A2", 26, 25, 0));
        rows.Add(CatalogueCourse(rows.Count + 1, "Berufssprachkurs Deutsch B2", string.Empty, string.Empty, "de:B2", string.Empty, "de:B1", 26, 25, 0));
        return rows;
    }

    /// <summary>Certificate code, weeks, hours per week, cost, prerequisite certificate, prerequisite German level.</summary>
    private static readonly (string Code, int Weeks, int Hours, decimal Cost, string Prerequisite, string German)[] CertificateCourses =
    [
        ("FORKLIFT", 1, 40, 450, "", "de:A2"),
        ("LIC-B", 8, 10, 2600, "", "de:A2"),
        ("LIC-CE", 10, 30, 7200, "LIC-B", "de:A2"),
        ("CODE95", 4, 35, 2400, "LIC-CE", "de:A2"),
        ("ADR", 1, 40, 700, "LIC-B", "de:A2"),
        ("LIC-T", 2, 10, 800, "", ""),
        ("PLANT-PROTECTION", 2, 20, 450, "", "de:A2"),
        ("IFSG-43", 1, 8, 40, "", ""),
        ("HACCP", 1, 16, 250, "", "de:A2"),
        ("FIRST-AID", 1, 9, 60, "", ""),
        ("GMP", 1, 40, 600, "", "de:A2"),
        ("PFLEGEBASIS", 6, 30, 1400, "", "de:A2"),
        ("BETREUUNG-53C", 12, 30, 2900, "", "de:B1"),
        ("SACHKUNDE-34A", 4, 40, 1100, "", "de:B1"),
        ("UNTERRICHTUNG-34A", 1, 40, 450, "", "de:A2"),
        ("LOAD-SECURING", 1, 8, 190, "", ""),
        ("MEWP", 1, 16, 350, "", ""),
    ];

    private CourseRow CatalogueCourse(int id, string title, string skills, string certificate, string language, string prerequisite, string german, int weeks, int hours, decimal cost)
    {
        var cohorts = Enumerable.Range(0, _random.Next(3, 7))
            .Select(_ => _asOf.AddDays(_random.Next(-10, 280)))
            .Distinct()
            .Order()
            .Select(start =>
            {
                var capacity = _random.Next(8, 17);
                return $"{start:yyyy-MM-dd}:{capacity}:{(start < _asOf || _random.NextDouble() < 0.15 ? capacity : _random.Next(0, capacity))}";
            });
        return new CourseRow(
            id, Pick(Providers), title, skills, certificate, language, string.Empty, prerequisite, german, weeks, hours, string.Join(';', cohorts),
            Municipality().Ags, false, cost, cost == 0 ? string.Empty : "Bildungsgutschein", true);
    }
}
