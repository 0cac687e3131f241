using System.Globalization;
using System.Text.RegularExpressions;

namespace SkillsMatch.Engine.Intake;

/// <summary>
/// The fixed-form parts of a need sentence: dates, durations, hours, shift and weekend work,
/// headcount, modality markers. Every pattern is German first, English second; docs/intake.md
/// lists the rules.
/// </summary>
internal static partial class NeedTextRules
{
    private const string Month =
        "januar|january|jan|februar|february|feb|märz|maerz|march|mär|mrz|april|apr|mai|may|juni|june|jun|juli|july|jul|" +
        "august|aug|september|sept|sep|oktober|october|okt|oct|november|nov|dezember|december|dez|dec";

    private const string NumberWord =
        "zwei|drei|vier|fünf|fuenf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwoelf|zwanzig|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty";

    // A date in any of the written forms: 1.9. / 01.09.2027 / 1. September (2027) / September 1st / 2027-09-01.
    private const string Date =
        @"(?:(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})" +
        @"|(?<d>\d{1,2})\.\s?(?<m>\d{1,2})\.(?:\s?(?<y>\d{4}|\d{2})\b)?" +
        @"|(?<d>\d{1,2})(?:\.|st|nd|rd|th)?\s+(?<mn>" + Month + @")\b\.?(?:\s+(?<y>\d{4})\b)?" +
        @"|(?<mn>" + Month + @")\b\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<y>\d{4})\b)?" +
        @"|(?<mn>" + Month + @")\b\.?(?:\s+(?<y>\d{4})\b)?)";

    [GeneratedRegex(@"\b(?:ab|vom|von|zum|from|starting(?:\s+on|\s+from)?|start(?:ing)?:?|beginn:?|arbeitsbeginn:?|eintritt:?|beginning|am|on)\s+(?:dem\s+|the\s+)?" + Date, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex StartDate();

    [GeneratedRegex(@"\b(?:(?:ab|per)\s+sofort|sofort|asap|immediately|as\s+soon\s+as\s+possible|zum\s+nächstmöglichen\s+(?:zeitpunkt|termin)|nächstmöglich)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex StartNow();

    [GeneratedRegex(@"\b(?:ab\s+(?:dem\s+)?(?:nächstem|nächsten|kommendem|kommenden)\s+jahr|im\s+(?:nächsten|kommenden)\s+jahr|(?:from\s+)?next\s+year)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex StartNextYear();

    [GeneratedRegex(@"\b(?:nächste[snm]?|naechste[snm]?|kommende[snm]?)\s+jahr(?:es)?\b|\bnext\s+year\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NextYear();

    [GeneratedRegex(@"(?:\b(?:befristet\s+)?(?:bis|until|till|through|to)\s+|\s*[–-]\s*)(?:zum\s+|the\s+)?(?:(?<endof>ende|end\s+of)\s+(?<mn2>" + Month + @")\b\.?(?:\s+(?<y2>\d{4})\b)?|" + Date + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex EndDate();

    [GeneratedRegex(@"\b(?:(?:für|fuer|for|über|dauer:?|zeitraum:?|befristet\s+auf)\s+(?:ca\.?\s+|etwa\s+|about\s+|rund\s+)?)?(?<n>\d{1,2}|" + NumberWord + @")\s+(?<u>wochen|woche|weeks?|monaten|monate|monat|months?|tage|tagen|days)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Duration();

    [GeneratedRegex(@"\b(?<n>\d{1,2})(?:[,.]5)?\s*(?:-\s*\d{1,2}\s*)?(?:std\.?|stunden|wochenstunden|h|hrs|hours)(?=\W|$)(?:\s*(?:/|pro|je|in\s+der|per|a|die)\s*(?:woche|wo\b\.?|week|wk)\b)?(?<daily>\s*(?:täglich|pro\s+tag|am\s+tag|per\s+day|a\s+day|daily))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Hours();

    [GeneratedRegex(@"\b(?:von\s+|from\s+)?(?<mn>" + Month + @")\b\.?\s*(?:–|-|bis|to|until)\s*(?<mn2>" + Month + @")\b\.?(?:\s+(?<y2>\d{4})\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex MonthRange();

    [GeneratedRegex(@"(?:\b(?<days>mo|montag)\.?\s*(?:–|-|bis)\s*(?<last>fr|freitag|sa|samstag|so|sonntag)\.?,?\s*)?(?:von\s+)?\b(?<from>\d{1,2})(?::(?<fm>\d{2}))?\s*(?:–|-|bis)\s*(?<to>\d{1,2})(?::(?<tm>\d{2}))?\s*uhr\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DailyTimes();

    [GeneratedRegex(@"\b(?:vollzeit|full[- ]time)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex FullTime();

    [GeneratedRegex(@"\b(?:minijob|mini-job|minijobber|geringfügig\w*|auf\s+minijob-basis)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex MiniJob();

    [GeneratedRegex(@"\b(?:teilzeit|part[- ]time)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex PartTime();

    // Only shift words, not every word with "schicht" in it (Geschichte, Farbschicht).
    [GeneratedRegex(@"(?<neg>\b(?:keine?|ohne|no)\s+)?(?:\b\p{L}+-\s+(?:und|oder|/)\s+)?\b(?:früh|spät|nacht|wechsel|tag|zwei|drei|vier|\d)?-?schicht(?:en|arbeit|dienst|dienste|betrieb|bereitschaft|system|modell|zulage|zulagen|plan|wechsel)?\b|(?<neg>\b(?:no)\s+)?\b(?:night\s+|rotating\s+|early\s+|late\s+)?shifts?\b(?:\s+work)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Shift();

    [GeneratedRegex(@"(?<neg>\b(?:keine?|ohne|no|nicht\s+am|nicht\s+an|not\s+on)\s+)?\b(?:wochenend\p{L}*|sams?tags?|samstags|sonntags?|sonn-\s+und\s+feiertag\p{L}*|weekends?|saturdays?|sundays?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Weekend();

    [GeneratedRegex(@"\b(?:voraussichtlich|bedarfsprognose|prognose|planen\s+wir|wir\s+planen|(?:ist|sind|wird|werden)\s+geplant|geplant\s+(?:ist|sind)|forecast|planned\s+for|we\s+plan|expect\s+to\s+need|expected\s+to\s+need)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Forecast();

    [GeneratedRegex(@"\b(?:suchen|sucht|gesucht|stellenangebot|einstellen|hiring|looking\s+for|wanted|seeking)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Vacancy();

    [GeneratedRegex(@"\b(?:von\s+vorteil|vorteilhaft|wünschenswert|wuenschenswert|idealerweise|ideal\s+wäre|gerne?|nice[- ]to[- ]have|optional|wäre\s+schön|willkommen|ein\s+plus|(?:is\s+)?a\s+plus|preferred|desirable|ideally|(?:is\s+)?an\s+advantage|advantageous|bevorzugt|kein\s+muss)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex NiceMarker();

    [GeneratedRegex(@"\b(?:zwingend(?:\s+erforderlich)?|erforderlich|voraussetzungen?|vorausgesetzt|muss|müssen|notwendig|unbedingt|benötigt|pflicht|required|must(?:\s+have)?|mandatory|essential|necessary|needed|setzen\s+wir\s+voraus|anforderungen|requirements)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex MustMarker();

    [GeneratedRegex(@"\b(?:Führerschein|Fuehrerschein|Fahrerlaubnis|FS|driving\s+licen[cs]e|driver'?s\s+licen[cs]e)\s*(?:der\s+)?(?:Klasse|Kl\.?|class|category)?\s*(?<cls>CE|C1E|C1|BE|B|C|D1|DE|D|T|L)\b(?:\s*(?:,|und|oder|/|and|or)\s*(?<cls>CE|C1|BE|B|C|D1|D|T|L)\b)*|\b(?:Klasse|Kl\.)\s*(?<cls>CE|C1|BE|B|C|D1|D|T|L)\b(?:\s*(?:,|und|oder|/|and|or)\s*(?<cls>CE|C1|BE|B|C|D1|D|T|L)\b)*", RegexOptions.CultureInvariant)]
    public static partial Regex DrivingLicenceClass();

    [GeneratedRegex(@"(?<unt>Unterrichtung\s*(?:nach\s*)?)?(?<sk>Sachkunde(?:prüfung|nachweis)?\s*(?:nach\s*)?)?§\s*34\s?a\b(?:\s*GewO)?(?:-Schein)?|\b34a-Schein\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Security34a();

    [GeneratedRegex(@"\b(?:forklift\s+(?:licen[cs]e|certificate|permit)|first[- ]aid(?:\s+(?:course|certificate|training))?|health\s+certificate|(?:food\s+)?hygiene\s+(?:certificate|instruction)|driving\s+licen[cs]e|driver'?s\s+licen[cs]e)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex EnglishCertificate();

    [GeneratedRegex(@"\b(?<lvl>[ABC][12])\b")]
    public static partial Regex CefrLevel();

    [GeneratedRegex(@"(?<![\p{L}])(?<place>\p{Lu}[\p{L}-]+(?:\s+(?:am|an\s+der|bei|in|vor\s+der)\s+\p{Lu}[\p{L}-]+)?)", RegexOptions.CultureInvariant)]
    public static partial Regex PlaceName();

    [GeneratedRegex(@"\b(?:in|im\s+Raum|Raum|Standort:?|Einsatzort:?|Arbeitsort:?|Ort:?|bei|nahe|near|at|around|in\s+der\s+Nähe\s+von)\s+(?<place>\p{Lu}[\p{L}-]+(?:\s+(?:am|an\s+der|bei|in|vor\s+der)\s+\p{Lu}[\p{L}-]+)?)", RegexOptions.CultureInvariant)]
    public static partial Regex PlaceAfterPreposition();

    [GeneratedRegex(@"(?<![\d])(?<plz>\d{5})(?![\d])")]
    public static partial Regex Postcode();

    [GeneratedRegex(@"[\p{L}\p{N}§][\p{L}\p{N}§]*(?:['’-][\p{L}\p{N}]+)*")]
    public static partial Regex Word();

    public static int? Number(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        return text.ToLowerInvariant() switch
        {
            "ein" or "eine" or "einen" or "a" or "an" or "one" => 1,
            "zwei" or "two" => 2,
            "drei" or "three" => 3,
            "vier" or "four" => 4,
            "fünf" or "fuenf" or "five" => 5,
            "sechs" or "six" => 6,
            "sieben" or "seven" => 7,
            "acht" or "eight" => 8,
            "neun" or "nine" => 9,
            "zehn" or "ten" => 10,
            "elf" or "eleven" => 11,
            "zwölf" or "zwoelf" or "twelve" => 12,
            "zwanzig" or "twenty" => 20,
            _ => null,
        };
    }

    public static int? MonthNumber(string name)
    {
        var m = name.ToLowerInvariant().TrimEnd('.');
        return m switch
        {
            "januar" or "january" or "jan" => 1,
            "februar" or "february" or "feb" => 2,
            "märz" or "maerz" or "march" or "mär" or "mrz" => 3,
            "april" or "apr" => 4,
            "mai" or "may" => 5,
            "juni" or "june" or "jun" => 6,
            "juli" or "july" or "jul" => 7,
            "august" or "aug" => 8,
            "september" or "sept" or "sep" => 9,
            "oktober" or "october" or "okt" or "oct" => 10,
            "november" or "nov" => 11,
            "dezember" or "december" or "dez" or "dec" => 12,
            _ => null,
        };
    }

    /// <summary>
    /// The date a match names. A date without year is the next such date on or after
    /// <paramref name="notBefore"/>; a month without day is its first day, or its last when
    /// <paramref name="endOfMonth"/>.
    /// </summary>
    public static DateOnly? ToDate(Match match, DateOnly notBefore, bool endOfMonth, string dayGroup = "d", string monthGroup = "m", string monthNameGroup = "mn", string yearGroup = "y")
    {
        var monthName = match.Groups[monthNameGroup];
        int? month = monthName.Success ? MonthNumber(monthName.Value) : ParseGroup(match.Groups[monthGroup]);
        if (month is not (>= 1 and <= 12))
        {
            return null;
        }

        var day = ParseGroup(match.Groups[dayGroup]);
        var year = ParseGroup(match.Groups[yearGroup]);
        if (year is < 100)
        {
            year += 2000;
        }

        DateOnly? Build(int y)
        {
            var last = DateTime.DaysInMonth(y, month.Value);
            var d = day ?? (endOfMonth ? last : 1);
            return d >= 1 && d <= last ? new DateOnly(y, month.Value, d) : null;
        }

        if (year is { } given)
        {
            return given is >= 2000 and <= 2100 ? Build(given) : null;
        }

        var candidate = Build(notBefore.Year);
        return candidate is { } c && c < notBefore ? Build(notBefore.Year + 1) : candidate;
    }

    private static int? ParseGroup(Group group) =>
        group.Success && int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Words that end a duration, a time or a count, never a job: "3 Wochen", "20 Stunden".</summary>
    public static bool IsUnit(string word) => s_units.Contains(word.TrimEnd('.'));

    private static readonly HashSet<string> s_units = new(StringComparer.OrdinalIgnoreCase)
    {
        "Wochen", "Woche", "Monate", "Monaten", "Monat", "Tage", "Tagen", "Tag", "Stunden", "Std", "Wochenstunden", "Jahre", "Jahren", "Jahr",
        "Uhr", "km", "Euro", "EUR", "Prozent", "weeks", "week", "months", "month", "days", "day", "hours", "hrs", "h", "years", "year",
        "Schichten", "Schicht", "Kilometer", "Minuten", "minutes", "Std.",
    };

    private static readonly string[] s_jobSuffixes =
    [
        "kraft", "kräfte", "helfer", "helferin", "helferinnen", "mitarbeiter", "mitarbeiterin", "mitarbeiterinnen", "aushilfe", "aushilfen",
        "fahrer", "fahrerin", "personen", "leute", "arbeiter", "arbeiterin", "worker", "workers", "helper", "helpers", "picker", "pickers",
        "cleaner", "cleaners", "driver", "drivers", "people", "staff", "employees", "persons", "operators", "operator", "operative", "operatives", "pickers", "cooks", "waiters", "drivers", "assistant", "assistants",
        "kommissionierer", "kommissioniererin", "verkäufer", "verkäuferin", "köche", "koch", "köchin", "pfleger", "pflegerin", "erzieher", "erzieherin",
    ];

    /// <summary>A word that names people to hire even when the taxonomy does not know it ("Mitarbeiter", "Reinigungskräfte").</summary>
    public static bool IsJobWord(string word)
    {
        var w = word.ToLowerInvariant();
        return s_jobSuffixes.Any(s => w.EndsWith(s, StringComparison.Ordinal));
    }
}
