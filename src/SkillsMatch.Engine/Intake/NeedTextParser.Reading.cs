using System.Globalization;
using System.Text.RegularExpressions;

namespace SkillsMatch.Engine.Intake;

public sealed partial class NeedTextParser
{
    /// <summary>The state of one parse: what is read so far and which text it took.</summary>
    private sealed class Reading(string text, DateOnly today)
    {
        private readonly List<TextSpan> _consumed = [];
        private readonly List<UnresolvedPhrase> _unresolved = [];

        public string Text { get; } = text;
        public DateOnly Today { get; } = today;
        /// <summary>Headings and offer sections: no requirements in them.</summary>
        public List<TextSpan> Skipped { get; } = [];

        public List<(TextSpan Span, bool MustHave)> Clauses { get; } = [];

        public List<(TextSpan Span, bool MustHave)> Phrases { get; } = [];
        public List<DraftItem> Items { get; } = [];
        public List<TextSpan> Markers { get; } = [];
        public List<TextSpan> PlaceGuesses { get; } = [];

        /// <summary>TermSearch answers of this text by folded phrase.</summary>
        public Dictionary<string, IReadOnlyList<TermHit>> Searches { get; } = new(StringComparer.Ordinal);

        public bool IsConsumed(TextSpan span) => _consumed.Any(c => c.Overlaps(span));

        public bool IsConsumed(Match match) => IsConsumed(new TextSpan(match.Index, match.Length));

        public void Consume(TextSpan span) => _consumed.Add(span);

        public void Consume(Match match) => Consume(new TextSpan(match.Index, match.Length));

        public void Add(DraftField field, string value, string label, Match match, double confidence) =>
            Add(field, value, label, new TextSpan(match.Index, match.Length), confidence);

        /// <summary>Adds the first item of a single-valued field; later ones only take their text.</summary>
        public void Add(DraftField field, string value, string label, TextSpan span, double confidence)
        {
            Consume(span);
            if (!Items.Any(i => i.Field == field))
            {
                Items.Add(new DraftItem(field, value, label, span, confidence));
            }
        }

        public void Unresolve(string phrase, TextSpan span, IReadOnlyList<DraftSuggestion> suggestions) =>
            _unresolved.Add(new UnresolvedPhrase(phrase, span, suggestions));

        /// <summary>True unless the clause at the position marks its items nice-to-have.</summary>
        public bool MustHaveAt(int position) =>
            Phrases.FirstOrDefault(c => c.Span.Start <= position && position < c.Span.End) is { Span.Length: > 0 } clause ? clause.MustHave : true;

        public TextSpan PhraseAround(int position) =>
            Clauses.FirstOrDefault(c => c.Span.Start <= position && position < c.Span.End) is { Span.Length: > 0 } clause ? clause.Span : new TextSpan(0, Text.Length);

        public NeedDraft ToDraft()
        {
            var items = Items.OrderBy(i => i.Span.Start).ThenBy(i => i.Field).ToList();
            string? Single(DraftField field) => items.FirstOrDefault(i => i.Field == field)?.Value;
            int? Number(DraftField field) => Single(field) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
            DateOnly? Date(DraftField field) => Single(field) is { } v ? DateOnly.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            bool? Flag(DraftField field) => Single(field) is { } v ? v == "true" : null;
            IReadOnlyList<string> All(DraftField field, bool? mustHave = null) =>
                [.. items.Where(i => i.Field == field && (mustHave is null || i.MustHave == mustHave)).Select(i => i.Value)];

            return new NeedDraft(
                Single(DraftField.Kind) ?? "Vacancy",
                Single(DraftField.Title),
                Single(DraftField.Occupation),
                Number(DraftField.Headcount),
                Date(DraftField.PeriodStart),
                Date(DraftField.PeriodEnd),
                Number(DraftField.HoursPerWeek),
                Flag(DraftField.ShiftWork),
                Flag(DraftField.WeekendWork),
                Single(DraftField.Municipality),
                All(DraftField.MustHaveSkill),
                All(DraftField.NiceToHaveSkill),
                All(DraftField.Certificate, mustHave: true),
                All(DraftField.Certificate, mustHave: false),
                [.. items.Where(i => i.Field == DraftField.Language).Select(i => i.Value.Split(':')).Select(p => new DraftLanguage(p[0], p[1]))],
                items,
                [.. _unresolved.OrderBy(u => u.Span.Start)]);
        }
    }
}
