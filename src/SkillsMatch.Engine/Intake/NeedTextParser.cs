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
        reading.Clauses.AddRange(Clauses(text, reading.Headings));
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

    private void ReadLanguages(Reading r)
    {
        var mentions = _languages.Matches(r.Text)
            .Where(m => !r.IsConsumed(m) && (!_englishAliases.Contains(m.Groups["lang"].Value) || char.IsUpper(m.Groups["lang"].Value[0]))
                && _languageAliases.ContainsKey(m.Groups["lang"].Value))
            .ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var taken = new List<TextSpan>();
        foreach (var m in mentions)
        {
            var code = _languageAliases[m.Groups["lang"].Value];
            var clause = r.PhraseAround(m.Index);
            var spanStart = m.Index;
            var spanEnd = m.Index + m.Length;

            // A level or qualifier after a list of languages ("English or German basic") holds for each of them;
            // the span only reaches it when no other language stands between.
            bool Between(int from, int to) => mentions.Any(o => o != m && o.Index > from && o.Index < to);
            void Reach(int at, int length)
            {
                if (!Between(Math.Min(at, m.Index), Math.Max(at, m.Index)))
                {
                    (spanStart, spanEnd) = (Math.Min(spanStart, at), Math.Max(spanEnd, at + length));
                }
            }

            string? level = null;
            foreach (Match l in NeedTextRules.CefrLevel().Matches(r.Text[clause.Start..clause.End]))
            {
                var at = clause.Start + l.Index;
                if (at >= spanEnd - 1 ? at - spanEnd <= (Between(spanEnd, at) ? 40 : 30) : spanStart - at <= 20 && !Between(at, m.Index))
                {
                    level = l.Value;
                    Reach(at, l.Length);
                    break;
                }
            }

            if (level is null)
            {
                Match? nearest = null;
                foreach (Match q in Qualifier().Matches(r.Text[clause.Start..clause.End]))
                {
                    var at = clause.Start + q.Index;
                    var before = at < m.Index && m.Index - (at + q.Length) <= 25 && !Between(at, m.Index);
                    var after = at >= spanEnd && at - spanEnd <= (Between(spanEnd, at) ? 40 : 20);
                    if ((before || after) && (nearest is null || Math.Abs(at - m.Index) < Math.Abs(clause.Start + nearest.Index - m.Index)))
                    {
                        nearest = q;
                    }
                }

                if (nearest is not null)
                {
                    level = nearest.Groups["c2"].Success ? "C2" : nearest.Groups["c1"].Success ? "C1" : nearest.Groups["b2"].Success ? "B2" : nearest.Groups["b1"].Success ? "B1" : "A2";
                    Reach(clause.Start + nearest.Index, nearest.Length);
                    taken.Add(new TextSpan(clause.Start + nearest.Index, nearest.Length));
                }
            }

            level ??= m.Groups["suffix"].Value.Contains("grund", StringComparison.OrdinalIgnoreCase) ? "A2"
                : m.Groups["written"].Success ? "B2"
                : null;
            var confidence = level is null ? 0.6 : 0.9;
            level ??= "B1";
            var span = new TextSpan(spanStart, spanEnd - spanStart);
            taken.Add(span);
            if (seen.Add(code))
            {
                var label = _reference.Vocabulary.FindLanguage(code)?.LabelDe ?? code;
                r.Items.Add(new DraftItem(DraftField.Language, $"{code}:{level}", $"{label} {level}", span, confidence));
            }
        }

        taken.ForEach(r.Consume);
    }

    [GeneratedRegex(@"(?<c2>muttersprach\p{L}*|native(?:\s+speaker)?|mother\s+tongue)|(?<c1>sehr\s+gute\p{L}*|sehr\s+gut|verhandlungssicher\p{L}*|fließend\p{L}*|fliessend\p{L}*|exzellente\p{L}*|perfekte\p{L}*|fluent|excellent|very\s+good|business\s+fluent)|(?<b2>\bgute\p{L}*|\bgut\b|\bgood\b|\bsolid\b)|(?<b1>ausreichende\p{L}*|solide\p{L}*|befriedigende\p{L}*|conversational|intermediate)|(?<a2>grundkenntnisse|grundlegende\p{L}*|einfache\p{L}*|\bbasis\p{L}*|\bbasic\b|elementary|\berste\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Qualifier();

    private void ReadCertificatePatterns(Reading r)
    {
        foreach (Match m in NeedTextRules.DrivingLicenceClass().Matches(r.Text))
        {
            AddCertificate(r, "LIC-" + m.Groups["cls"].Value.ToUpperInvariant(), new TextSpan(m.Index, m.Length));
        }

        foreach (Match m in NeedTextRules.Security34a().Matches(r.Text))
        {
            AddCertificate(r, m.Groups["unt"].Success ? "UNTERRICHTUNG-34A" : "SACHKUNDE-34A", new TextSpan(m.Index, m.Length));
        }

        foreach (Match m in NeedTextRules.EnglishCertificate().Matches(r.Text))
        {
            var v = m.Value.ToLowerInvariant();
            var code = v.StartsWith("forklift", StringComparison.Ordinal) ? "FORKLIFT"
                : v.StartsWith("first", StringComparison.Ordinal) ? "FIRST-AID"
                : v.StartsWith("health", StringComparison.Ordinal) || v.Contains("hygiene", StringComparison.Ordinal) ? "IFSG-43"
                : "LIC-B";
            AddCertificate(r, code, new TextSpan(m.Index, m.Length));
        }
    }

    private void AddCertificate(Reading r, string code, TextSpan span)
    {
        if (r.IsConsumed(span) || _reference.Vocabulary.FindCertificate(code) is not { } certificate)
        {
            return;
        }

        var must = r.MustHaveAt(span.Start);
        r.Consume(span);
        if (!r.Items.Any(i => i.Field == DraftField.Certificate && i.Value == certificate.Code))
        {
            r.Items.Add(new DraftItem(DraftField.Certificate, certificate.Code, certificate.LabelDe, span, 0.9, must));
        }
    }

    private void ReadPlace(Reading r)
    {
        foreach (Match m in NeedTextRules.Postcode().Matches(r.Text))
        {
            var matching = _reference.Regions.Municipalities.Where(x => x.Postcode == m.Value).ToList();
            if (matching.Count > 0 && !r.IsConsumed(m))
            {
                var best = matching.MaxBy(x => x.Population)!;
                var span = new TextSpan(m.Index, m.Length);
                if (NeedTextRules.PlaceName().Match(r.Text, m.Index + m.Length) is { Success: true } name && name.Index <= m.Index + m.Length + 1
                    && Resolve(name.Groups["place"].Value) is { } named)
                {
                    best = named.Municipality;
                    span = new TextSpan(m.Index, name.Index + name.Length - m.Index);
                }

                r.Add(DraftField.Municipality, best.Ags, best.Name, span, 0.95);
                return;
            }
        }

        foreach (Match m in NeedTextRules.PlaceAfterPreposition().Matches(r.Text))
        {
            var group = m.Groups["place"];
            if (r.IsConsumed(new TextSpan(group.Index, group.Length)))
            {
                continue;
            }

            var place = m.Groups["place"].Value;
            var resolved = Resolve(place);
            if (resolved is null && place.Contains(' ', StringComparison.Ordinal))
            {
                place = place.Split(' ')[0];
                resolved = Resolve(place);
            }

            if (resolved is { } hit)
            {
                r.Add(DraftField.Municipality, hit.Municipality.Ags, hit.Municipality.Name, new TextSpan(group.Index, place.Length), hit.Confidence);
                return;
            }

            r.PlaceGuesses.Add(new TextSpan(group.Index, group.Length));
            if (r.PlaceGuesses.Count >= MaxPlaceGuesses)
            {
                break;
            }
        }

        // No preposition ("…, Saulheim", "im Hofladen Zornheim"): a capitalised word that is exactly a
        // municipality's name of seven letters or more; shorter names are too often ordinary words (Eich, Mandel).
        foreach (Match m in NeedTextRules.PlaceName().Matches(r.Text))
        {
            var word = m.Groups["place"].Value;
            var folded = TextNormalizer.Normalize(word);
            if (r.IsConsumed(m) || folded.Length < 7 || m.Index == 0)
            {
                continue;
            }

            var exact = _places.Where(p => p.Folded == folded).Select(p => p.Municipality).MaxBy(x => x.Population);
            if (exact is not null)
            {
                r.Add(DraftField.Municipality, exact.Ags, exact.Name, m, 0.6);
                return;
            }
        }
    }

    /// <summary>A municipality by folded name: exact, then the start of a longer name ("Ingelheim"), then one or two typos.</summary>
    private (Municipality Municipality, double Confidence)? Resolve(string name)
    {
        var folded = TextNormalizer.Normalize(name);
        if (folded.Length < 3)
        {
            return null;
        }

        var exact = _places.Where(p => p.Folded == folded).Select(p => p.Municipality).MaxBy(m => m.Population);
        if (exact is not null)
        {
            return (exact, 0.95);
        }

        var prefix = _places.Where(p => p.Folded.StartsWith(folded + " ", StringComparison.Ordinal)).Select(p => p.Municipality).MaxBy(m => m.Population);
        if (prefix is not null)
        {
            return (prefix, 0.85);
        }

        var allowed = folded.Length >= 8 ? 2 : folded.Length >= 5 ? 1 : 0;
        if (allowed == 0)
        {
            return null;
        }

        var fuzzy = _places
            .Select(p => (p.Municipality, Distance: Math.Min(EditDistance(folded, p.Folded), EditDistance(folded, p.Folded.Split(' ')[0]))))
            .Where(p => p.Distance <= allowed)
            .OrderBy(p => p.Distance).ThenByDescending(p => p.Municipality.Population)
            .FirstOrDefault();
        return fuzzy.Municipality is null ? null : (fuzzy.Municipality, 0.6);
    }

    private IReadOnlyList<DraftSuggestion> PlaceSuggestions(string text)
    {
        var folded = TextNormalizer.Normalize(text);
        return [.. _places
            .Select(p => (p.Municipality, Distance: Math.Min(EditDistance(folded, p.Folded), EditDistance(folded, p.Folded.Split(' ')[0]))))
            .Where(p => p.Distance <= Math.Max(2, folded.Length / 2))
            .OrderBy(p => p.Distance).ThenByDescending(p => p.Municipality.Population)
            .Take(3)
            .Select(p => new DraftSuggestion("municipality", p.Municipality.Ags, p.Municipality.Name))];
    }

    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
