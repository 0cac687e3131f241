using System.Text.RegularExpressions;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Engine.Intake;

public sealed partial class NeedTextParser
{
    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        // German
        "wir", "suchen", "sucht", "gesucht", "fuer", "die", "der", "das", "den", "dem", "des", "ein", "eine", "einen", "einer", "eines", "mit",
        "in", "im", "zur", "zum", "und", "oder", "sowie", "auch", "als", "bei", "von", "vom", "zu", "ab", "bis", "ca", "etwa", "ihr", "ihre",
        "sie", "du", "dein", "deine", "unser", "unsere", "unseren", "unserem", "unserer", "team", "betrieb", "firma", "m", "w", "d", "mwd",
        "gerne", "gern", "bitte", "ist", "sind", "haben", "hast", "hat", "sein", "werden", "wird", "kenntnisse", "erfahrung", "erfahrungen",
        "idealerweise", "vorteil", "zwingend", "erforderlich", "voraussetzung", "muss", "wuenschenswert", "mind", "mindestens", "sehr", "gute",
        "gut", "aufgaben", "profil", "bieten", "bewerbung", "stelle", "stellen", "job", "jobs", "arbeit", "mitarbeiter", "mitarbeiterin",
        "mitarbeiterinnen", "innen", "personen", "leute", "neue", "neuen", "motivierte", "zuverlaessige", "engagierte", "freundliche", "ueber",
        "nach", "auf", "an", "am", "aus", "dass", "wenn", "sich", "uns", "ihnen", "es", "man", "nicht", "kein", "keine", "noch", "schon",
        "wie", "was", "wer", "so", "dann", "alle", "allem", "jede", "jeden", "weitere", "bereich", "wichtig", "plus", "kraefte", "kraft",
        "aushilfe", "aushilfen", "helfer", "helferin", "unterstuetzung", "gesucht", "ort", "standort", "einsatzort", "zeitraum", "dauer",
        "arbeitszeit", "beginn", "start", "eintritt", "saison", "saisonal", "befristet", "unbefristet", "benoetigt", "notwendig", "vorhanden",
        "setzen", "voraus", "wuenschen", "uns", "freuen", "ideal", "waere", "schoen", "willkommen", "optional", "pflicht", "bereitschaft",
        "spass", "freude", "lust", "hand", "tag", "tage", "woche", "wochen", "monat", "monate", "jahr", "stunden", "std", "teilzeit", "vollzeit",
        "anforderungen", "voraussetzungen", "rahmen", "weingut", "hof", "laden",
        // English
        "we", "are", "is", "be", "looking", "for", "the", "a", "an", "with", "to", "and", "or", "of", "our", "needed", "wanted", "seeking",
        "hiring", "need", "needs", "must", "have", "has", "should", "would", "nice", "good", "very", "experience", "knowledge", "skills",
        "required", "preferred", "ideally", "plus", "on", "at", "from", "until", "by", "as", "some", "any", "workers", "worker", "people",
        "staff", "employees", "helpers", "helper", "required", "essential", "desirable", "advantage", "your", "you", "will", "can", "please",
        "in", "per", "week", "weeks", "month", "months", "hours", "start", "starting", "immediately", "time", "full", "part", "also",
    };

    private readonly record struct Token(int Start, int End, string Text, string Folded);

    /// <summary>
    /// Cuts the text into clauses (line breaks, bullets, commas, semicolons, colons, sentence ends) and
    /// their phrases (at und/oder/and/or) with each phrase's must/nice reading: its own marker, else a
    /// marker at the start or end of its clause ("idealerweise X und Y", "X und Y von Vorteil"), else
    /// the heading above, else must-have. Headings and the clauses of an offer section ("Wir bieten:")
    /// go to <paramref name="skipped"/>: they are no requirements.
    /// </summary>
    private static void Clauses(string text, List<(TextSpan Span, bool MustHave)> clauses, List<(TextSpan Span, bool MustHave)> phrases, List<TextSpan> skipped)
    {
        bool? header = null;
        var offer = false;
        var lineStart = 0;
        foreach (var line in text.Split('\n'))
        {
            var start = 0;
            for (var i = 0; i <= line.Length; i++)
            {
                var end = i == line.Length
                    || line[i] is ';' or '•' or '·'
                    || (line[i] == ':' && !(i + 1 < line.Length && char.IsLetter(line[i + 1])))
                    || (line[i] == ',' && !(i > 0 && char.IsDigit(line[i - 1]) && i + 1 < line.Length && char.IsDigit(line[i + 1])))
                    || (line[i] == '.' && i > 0 && char.IsLetter(line[i - 1]) && i + 2 < line.Length && line[i + 1] == ' ' && char.IsUpper(line[i + 2]) && !IsAbbreviation(line, i));
                if (!end)
                {
                    continue;
                }

                if (i > start)
                {
                    var clause = line[start..i];
                    var span = new TextSpan(lineStart + start, i - start);
                    if (i < line.Length && line[i] == ':' && clause.Trim().Split(' ').Length <= 4)
                    {
                        // "Wünschenswert:", "Nice to have:", "Weinbau:": a heading sets must/nice for what follows and is no requirement itself.
                        header = NeedTextRules.NiceMarker().IsMatch(clause) ? false
                            : NeedTextRules.MustMarker().IsMatch(clause) ? true
                            : null;
                        offer = Offer().IsMatch(clause);
                        skipped.Add(span);
                    }
                    else if (offer)
                    {
                        skipped.Add(span);
                    }

                    clauses.Add((span, Marker(clause) ?? header ?? true));
                    var whole = ClauseMarker(clause) ?? header ?? true;
                    foreach (var part in SubPhrases(text, span))
                    {
                        phrases.Add((part, Marker(text.Substring(part.Start, part.Length)) ?? whole));
                    }
                }

                start = i + 1;
            }

            lineStart += line.Length + 1;
        }
    }

    private static bool? Marker(string text) =>
        NeedTextRules.NiceMarker().IsMatch(text) ? false : NeedTextRules.MustMarker().IsMatch(text) ? true : null;

    /// <summary>A marker that opens or closes its clause holds for all of it.</summary>
    private static bool? ClauseMarker(string clause)
    {
        foreach (var (pattern, value) in new[] { (NeedTextRules.NiceMarker(), false), (NeedTextRules.MustMarker(), true) })
        {
            foreach (Match m in pattern.Matches(clause))
            {
                if (!clause[..m.Index].Any(char.IsLetterOrDigit) || !clause[(m.Index + m.Length)..].Any(char.IsLetterOrDigit)
                    || clause[(m.Index + m.Length)..].Trim() is "ist" or "sind" or "wäre" or "waere")
                {
                    return value;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(?:wir\s+bieten|unser\s+angebot|das\s+bieten\s+wir|benefits|we\s+offer|what\s+we\s+offer)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Offer();

    private static bool IsAbbreviation(string line, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && char.IsLetter(line[wordStart - 1]))
        {
            wordStart--;
        }

        return s_abbreviations.Contains(line[wordStart..dot]);
    }

    private static readonly HashSet<string> s_abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "Std", "ca", "Kl", "bzw", "inkl", "evtl", "ggf", "Nr", "Mo", "Di", "Mi", "Do", "Fr", "Sa", "So", "Tel", "zB", "mind", "max", "Jan", "Feb",
        "Mär", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Okt", "Nov", "Dez", "etc", "usw", "u", "a", "d", "z", "B", "Wo", "St", "Dr", "Hr", "Fa",
    };

    private static readonly Regex s_conjunction = Conjunction();

    [GeneratedRegex(@"\s(?:und|oder|sowie|bzw\.?|and|or|&|/|\+)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Conjunction();

    private void ReadTerms(Reading r)
    {
        foreach (var pattern in new[] { NeedTextRules.NiceMarker(), NeedTextRules.MustMarker() })
        {
            foreach (Match marker in pattern.Matches(r.Text))
            {
                r.Markers.Add(new TextSpan(marker.Index, marker.Length));
            }
        }

        foreach (var (part, must) in r.Phrases)
        {
            if (r.Skipped.Any(s => s.Overlaps(part)))
            {
                continue;
            }

            foreach (var run in Runs(r, part))
            {
                MatchRun(r, run, must);
                Unresolved(r, run);
            }
        }
    }

    private static IEnumerable<TextSpan> SubPhrases(string text, TextSpan clause)
    {
        var start = clause.Start;
        foreach (Match m in s_conjunction.Matches(text[..clause.End], clause.Start))
        {
            yield return new TextSpan(start, m.Index - start);
            start = m.Index + m.Length;
        }

        yield return new TextSpan(start, clause.End - start);
    }

    /// <summary>Stretches of words in a phrase not taken by a rule, a marker or an earlier term.</summary>
    private static List<List<Token>> Runs(Reading r, TextSpan part)
    {
        var runs = new List<List<Token>>();
        var current = new List<Token>();
        foreach (Match w in NeedTextRules.Word().Matches(r.Text[..part.End], part.Start))
        {
            var span = new TextSpan(w.Index, w.Length);
            if (r.IsConsumed(span) || r.Markers.Any(m => m.Overlaps(span)))
            {
                if (current.Count > 0)
                {
                    runs.Add(current);
                    current = [];
                }

                continue;
            }

            current.Add(new Token(w.Index, w.Index + w.Length, w.Value, TextNormalizer.Normalize(w.Value)));
        }

        if (current.Count > 0)
        {
            runs.Add(current);
        }

        return runs;
    }

    private static bool IsStop(Token t) => t.Folded.Length < 2 || s_stopWords.Contains(t.Folded) || NeedTextRules.Number(t.Text) is not null;

    private static bool IsStopWord(Token t) => t.Folded.Length < 2 || s_stopWords.Contains(t.Folded);

    /// <summary>Longest n-grams first; an n-gram never starts or ends with a stop word.</summary>
    private void MatchRun(Reading r, List<Token> run, bool must)
    {
        var covered = new bool[run.Count];
        for (var n = Math.Min(run.Count, 5); n >= 1; n--)
        {
            for (var i = 0; i + n <= run.Count; i++)
            {
                if (IsStop(run[i]) || (n == 1 ? IsStop(run[i]) : IsStopWord(run[i + n - 1])) || covered.AsSpan(i, n).Contains(true))
                {
                    continue;
                }

                var span = new TextSpan(run[i].Start, run[i + n - 1].End - run[i].Start);
                var phrase = r.Text.Substring(span.Start, span.Length);
                var folded = TextNormalizer.Normalize(phrase);
                if (folded.Length < 3)
                {
                    continue;
                }

                var hits = Search(r, phrase, folded);
                // Words right before or right after a job word ("warehouse workers", "Helfer/in Gartenbau") name the job,
                // not a skill; so does the attribute of a matched phrase ("Reinigung der Küche").
                var beforeJob = i + n < run.Count && NeedTextRules.IsJobWord(run[i + n].Text);
                var afterJob = i > 0 && IsJobTitleBefore(r.Text, run, i);
                var attribute = i > 1 && run[i - 1].Folded is "der" or "des" && covered[i - 2];
                var person = IsPersonNoun(run[i + n - 1].Folded);
                var hit = hits.FirstOrDefault(h => h.Kind == TermKind.Certificate && h.Score >= ExactScore)
                    ?? (person ? hits.FirstOrDefault(h => h.Kind == TermKind.Occupation && Accept(h, folded, n) && TextNormalizer.Normalize(h.MatchedLabel) == folded) : null)
                    ?? hits.FirstOrDefault(h => Accept(h, folded, n) && !((beforeJob || afterJob || attribute) && h.Kind == TermKind.Skill));
                if (hit is null)
                {
                    continue;
                }

                covered.AsSpan(i, n).Fill(true);
                var confidence = hit.Score >= ExactScore || (hit.Kind == TermKind.Occupation && hit.Score >= OccupationScore) ? 0.9 : 0.7;
                switch (hit.Kind)
                {
                    case TermKind.Certificate:
                        AddCertificate(r, hit.Id, span);
                        break;
                    case TermKind.Occupation when !r.Items.Any(x => x.Field == DraftField.Occupation):
                        r.Items.Add(new DraftItem(DraftField.Occupation, hit.Id, hit.Label, span, confidence));
                        r.Items.Add(new DraftItem(DraftField.Title, phrase, phrase, span, confidence));
                        break;
                    case TermKind.Skill when !r.Items.Any(x => x.Field is DraftField.MustHaveSkill or DraftField.NiceToHaveSkill && x.Value == hit.Id):
                        r.Items.Add(new DraftItem(must ? DraftField.MustHaveSkill : DraftField.NiceToHaveSkill, hit.Id, hit.Label, span, confidence));
                        break;
                }

                r.Consume(span);
            }
        }
    }

    /// <summary>TermSearch once per distinct phrase of a text, and no more than <see cref="MaxSearches"/> times in all.</summary>
    private IReadOnlyList<TermHit> Search(Reading r, string phrase, string folded)
    {
        if (r.Searches.TryGetValue(folded, out var hits))
        {
            return hits;
        }

        if (r.Searches.Count >= MaxSearches)
        {
            return [];
        }

        hits = _reference.Terms.Search(phrase, 10);
        r.Searches[folded] = hits;
        return hits;
    }

    /// <summary>A word for people, not for work: "Staplerfahrer", "Hausmeister", "Küchenhilfe" (then an occupation beats a skill of the same name).</summary>
    private static bool IsPersonNoun(string folded) =>
        PersonNoun().IsMatch(folded);

    [GeneratedRegex(@"(?:er|erin|kraft|kraefte|hilfe|hilfen|ist|istin|eur|eurin|koch|koechin|mann|frau|leute|ant|antin|ent|entin)$")]
    private static partial Regex PersonNoun();

    /// <summary>The token before position <paramref name="i"/> is a job word, joined without a preposition ("Helfer/in Gartenbau", "Lagerhelfer (m/w/d)").</summary>
    private static bool IsJobTitleBefore(string text, List<Token> run, int i)
    {
        var previous = run[i - 1];
        if (previous.Folded is "in" or "innen" && previous.Start > 0 && text[previous.Start - 1] == '/' && i > 1)
        {
            previous = run[i - 2];
        }

        return NeedTextRules.IsJobWord(previous.Text) && text[previous.End..run[i].Start].All(c => c is ' ' or '/' or '-' or 'i' or 'n');
    }

    private static bool Accept(TermHit hit, string folded, int words) =>
        hit.Kind != TermKind.Language
        && (hit.Score >= ExactScore
            || (hit.Kind == TermKind.Occupation && hit.Score >= OccupationScore)
            || (hit.Score >= PrefixScore && words >= 2 && folded.Length * 10 >= TextNormalizer.Normalize(hit.MatchedLabel).Length * 7));

    private void Unresolved(Reading r, List<Token> run)
    {
        var i = 0;
        while (i < run.Count)
        {
            if (IsStop(run[i]) || r.IsConsumed(new TextSpan(run[i].Start, run[i].End - run[i].Start)))
            {
                i++;
                continue;
            }

            var j = i;
            while (j + 1 < run.Count && !IsStop(run[j + 1]) && !r.IsConsumed(new TextSpan(run[j + 1].Start, run[j + 1].End - run[j + 1].Start)))
            {
                j++;
            }

            if (run.Skip(i).Take(j - i + 1).Any(t => t.Folded.Length >= 4 && !t.Folded.All(char.IsDigit)))
            {
                var span = new TextSpan(run[i].Start, run[j].End - run[i].Start);
                var phrase = r.Text.Substring(span.Start, span.Length);
                var suggestions = r.PlaceGuesses.Any(p => p.Overlaps(span))
                    ? PlaceSuggestions(phrase)
                    : [.. Search(r, phrase, TextNormalizer.Normalize(phrase)).Take(3).Select(h => new DraftSuggestion(h.Kind.ToString().ToLowerInvariant(), h.Id, h.Label))];
                r.Unresolve(phrase, span, suggestions);
            }

            i = j + 1;
        }
    }
}
