using System.Globalization;
using System.Text.RegularExpressions;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Intake;

/// <summary>
/// Reads a need from an employer's sentence (German, or English): fixed forms (dates, hours,
/// headcount, shift and weekend work, languages, licence classes, the place) by rules, everything
/// else by resolving the remaining phrases with <see cref="TermSearch"/>. Every item carries the
/// span it was read from; nothing is invented, what is left over is listed as unresolved.
/// </summary>
public sealed partial class NeedTextParser
{
    /// <summary>The longest text accepted.</summary>
    public const int MaxLength = 4000;

    /// <summary>A phrase counts as a term when TermSearch scores it at least this (an exact label or synonym).</summary>
    public const int ExactScore = 1000;

    /// <summary>TermSearch ranks an occupation this much below a skill of the same match (its contract: occupations are suggestions).</summary>
    public const int OccupationScore = ExactScore - 50;

    /// <summary>A label that starts with a phrase of two or more words, covering most of the label, counts too.</summary>
    public const int PrefixScore = 800;

    // Bounds the work of one text: a 4000-character text holds a few hundred words.
    private const int MaxSearches = 400;
    private const int MaxPlaceGuesses = 20;

    private readonly ReferenceData _reference;
    private readonly Regex _languages;
    private readonly Dictionary<string, string> _languageAliases = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _englishAliases = new(StringComparer.OrdinalIgnoreCase);
    private readonly (string Folded, Municipality Municipality)[] _places;

    public NeedTextParser(ReferenceData reference)
    {
        _reference = reference;
        foreach (var language in reference.Vocabulary.Languages)
        {
            _languageAliases.TryAdd(FirstWord(language.LabelDe), language.Code);
            if (_languageAliases.TryAdd(FirstWord(language.LabelEn), language.Code))
            {
                _englishAliases.Add(FirstWord(language.LabelEn));
            }
        }

        foreach (var synonym in reference.Vocabulary.Synonyms.Where(s => s.Target == SynonymTarget.Language && !s.TargetId.Contains(':', StringComparison.Ordinal) && !s.Term.Contains(' ', StringComparison.Ordinal)))
        {
            _languageAliases.TryAdd(synonym.Term, synonym.TargetId);
        }

        var aliases = string.Join('|', _languageAliases.Keys.OrderByDescending(a => a.Length).Select(Regex.Escape));
        _languages = new Regex(
            @"\b(?<lang>" + aliases + @")(?<suffix>-?grundkenntnisse|kenntnisse|sprachkenntnisse|sprachig|e|en|er|es)?\b(?<written>\s+in\s+wort\s+und\s+schrift)?",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        _places = [.. reference.Regions.Municipalities.Select(m => (TextNormalizer.Normalize(m.Name.Split(',')[0]), m))];
    }

    /// <summary>The draft of one text; <paramref name="today"/> resolves "ab sofort" and dates without a year.</summary>
    public NeedDraft Parse(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reading = new Reading(text, today);
        Clauses(text, reading.Clauses, reading.Phrases, reading.Skipped);
        ReadKind(reading);
        ReadPeriod(reading);
        ReadHours(reading);
        ReadFlag(reading, NeedTextRules.Shift(), DraftField.ShiftWork);
        ReadFlag(reading, NeedTextRules.Weekend(), DraftField.WeekendWork);
        ReadLanguages(reading);
        ReadCertificatePatterns(reading);
        ReadPlace(reading);
        ReadTerms(reading);
        ReadHeadcount(reading);
        return reading.ToDraft();
    }

    private static string FirstWord(string label) => label.Split(' ', '(', ',')[0];

    private static void ReadKind(Reading r)
    {
        foreach (Match forecast in NeedTextRules.Forecast().Matches(r.Text))
        {
            r.Add(DraftField.Kind, "Forecast", "Bedarfsprognose", forecast, 0.8);
        }

        foreach (Match vacancy in NeedTextRules.Vacancy().Matches(r.Text))
        {
            r.Add(DraftField.Kind, "Vacancy", "Stellenangebot", vacancy, 0.8);
        }
    }

    private static void ReadPeriod(Reading r)
    {
        DateOnly? start = null;
        var candidates = new List<(Match Match, DateOnly Date)>();
        foreach (Match m in NeedTextRules.StartNow().Matches(r.Text))
        {
            candidates.Add((m, r.Today));
        }

        foreach (Match m in NeedTextRules.StartNextYear().Matches(r.Text))
        {
            candidates.Add((m, new DateOnly(r.Today.Year + 1, 1, 1)));
        }

        foreach (Match m in NeedTextRules.StartDate().Matches(r.Text))
        {
            if (NeedTextRules.ToDate(m, r.Today, endOfMonth: false) is { } date)
            {
                // "nächstes Jahr … ab Mai": a date without year in the year the text names.
                if (!m.Groups["y"].Success && date.Year == r.Today.Year && NeedTextRules.NextYear().IsMatch(r.Text))
                {
                    date = date.AddYears(1);
                }

                candidates.Add((m, date));
            }
        }

        foreach (Match m in NeedTextRules.MonthRange().Matches(r.Text))
        {
            if (NeedTextRules.ToDate(m, r.Today, endOfMonth: false) is { } date)
            {
                candidates.Add((m, NeedTextRules.NextYear().IsMatch(r.Text) && date.Year == r.Today.Year ? date.AddYears(1) : date));
            }
        }

        if (candidates.OrderBy(c => c.Match.Index).ThenByDescending(c => c.Match.Length).FirstOrDefault() is { Match: not null } first)
        {
            start = first.Date;
            if (first.Match.Groups["mn2"].Success && NeedTextRules.ToDate(first.Match, first.Date, endOfMonth: true, monthNameGroup: "mn2", yearGroup: "y2") is { } rangeEnd)
            {
                // "Juni–Juli", "von Mai bis August": the first day of one month to the last of the other.
                r.Add(DraftField.PeriodStart, Iso(first.Date), first.Date.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")), first.Match, 0.9);
                r.Add(DraftField.PeriodEnd, Iso(rangeEnd), rangeEnd.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")), first.Match, 0.9);
                return;
            }

            r.Add(DraftField.PeriodStart, Iso(first.Date), first.Date.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")), first.Match, 0.95);
        }

        foreach (Match m in NeedTextRules.EndDate().Matches(r.Text))
        {
            if (r.IsConsumed(m))
            {
                continue;
            }

            var notBefore = start ?? r.Today;
            var end = m.Groups["endof"].Success
                ? NeedTextRules.ToDate(m, notBefore, endOfMonth: true, monthNameGroup: "mn2", yearGroup: "y2")
                : NeedTextRules.ToDate(m, notBefore, endOfMonth: true);
            if (end is { } e && (start is null || e >= start))
            {
                r.Add(DraftField.PeriodEnd, Iso(e), e.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")), m, 0.95);
                return;
            }
        }

        foreach (Match m in NeedTextRules.Duration().Matches(r.Text))
        {
            if (r.IsConsumed(m) || NeedTextRules.Number(m.Groups["n"].Value) is not { } n || n == 0)
            {
                continue;
            }

            if (start is not { } s)
            {
                r.Consume(m);
                r.Unresolve(m.Value, new TextSpan(m.Index, m.Length), []);
                return;
            }

            var unit = m.Groups["u"].Value.ToLowerInvariant();
            var end = unit.StartsWith("woche", StringComparison.Ordinal) || unit.StartsWith("week", StringComparison.Ordinal) ? s.AddDays((7 * n) - 1)
                : unit.StartsWith("mon", StringComparison.Ordinal) ? s.AddMonths(n).AddDays(-1)
                : s.AddDays(n - 1);
            r.Add(DraftField.PeriodEnd, Iso(end), end.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")), m, 0.9);
            return;
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void ReadHours(Reading r)
    {
        Match? chosen = null;
        var hours = 0;
        var confidence = 0.0;
        foreach (Match m in NeedTextRules.Hours().Matches(r.Text))
        {
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * (m.Groups["daily"].Success ? 5 : 1);
            if (chosen is null && n is >= 1 and <= 60)
            {
                (chosen, hours, confidence) = (m, n, 0.95);
            }

            r.Consume(m);
        }

        foreach (Match m in NeedTextRules.DailyTimes().Matches(r.Text))
        {
            var from = (int.Parse(m.Groups["from"].Value, CultureInfo.InvariantCulture) * 60) + (m.Groups["fm"].Success ? int.Parse(m.Groups["fm"].Value, CultureInfo.InvariantCulture) : 0);
            var to = (int.Parse(m.Groups["to"].Value, CultureInfo.InvariantCulture) * 60) + (m.Groups["tm"].Success ? int.Parse(m.Groups["tm"].Value, CultureInfo.InvariantCulture) : 0);
            var days = m.Groups["last"].Value.ToLowerInvariant() switch
            {
                "sa" or "samstag" => 6,
                "so" or "sonntag" => 7,
                _ => 5,
            };
            var n = (int)Math.Round((to - from) * days / 60.0);
            if (chosen is null && to > from && n is >= 1 and <= 60)
            {
                (chosen, hours, confidence) = (m, n, 0.6);
            }

            r.Consume(m);
        }

        foreach (Match m in NeedTextRules.FullTime().Matches(r.Text))
        {
            if (chosen is null)
            {
                (chosen, hours, confidence) = (m, 40, 0.85);
            }

            r.Consume(m);
        }

        foreach (Match m in NeedTextRules.MiniJob().Matches(r.Text))
        {
            if (chosen is null)
            {
                (chosen, hours, confidence) = (m, 10, 0.5);
            }

            r.Consume(m);
        }

        foreach (Match m in NeedTextRules.PartTime().Matches(r.Text))
        {
            r.Consume(m);
        }

        if (chosen is not null)
        {
            r.Add(DraftField.HoursPerWeek, hours.ToString(CultureInfo.InvariantCulture), $"{hours} Std./Woche", chosen, confidence);
        }
    }

    private static void ReadFlag(Reading r, Regex pattern, DraftField field)
    {
        var first = true;
        foreach (Match m in pattern.Matches(r.Text))
        {
            if (r.IsConsumed(m))
            {
                continue;
            }

            if (first)
            {
                var value = !m.Groups["neg"].Success;
                r.Add(field, value ? "true" : "false", m.Value, m, 0.9);
                first = false;
            }
            else
            {
                r.Consume(m);
            }
        }
    }
}
