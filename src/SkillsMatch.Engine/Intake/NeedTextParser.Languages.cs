using System.Text.RegularExpressions;

namespace SkillsMatch.Engine.Intake;

public sealed partial class NeedTextParser
{
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
            // "Führerschein C und CE": each class from the start of the phrase to its own letters.
            foreach (Capture c in m.Groups["cls"].Captures)
            {
                AddCertificate(r, "LIC-" + c.Value.ToUpperInvariant(), new TextSpan(m.Index, c.Index + c.Length - m.Index), consume: false);
            }

            r.Consume(m);
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

    private void AddCertificate(Reading r, string code, TextSpan span, bool consume = true)
    {
        if ((consume && r.IsConsumed(span)) || _reference.Vocabulary.FindCertificate(code) is not { } certificate)
        {
            return;
        }

        var must = r.MustHaveAt(span.Start + span.Length - 1);
        r.Consume(span);
        if (r.Skipped.Any(s => s.Overlaps(span)))
        {
            return;
        }

        if (!r.Items.Any(i => i.Field == DraftField.Certificate && i.Value == certificate.Code))
        {
            r.Items.Add(new DraftItem(DraftField.Certificate, certificate.Code, certificate.LabelDe, span, 0.9, must));
        }
    }
}
