using Microsoft.EntityFrameworkCore;
using SkillsMatch.Server.Api;
using SkillsMatch.Server.Data;
using SkillsMatch.Server.Features.Matching;
using SkillsMatch.Server.Features.Outcomes;
using SkillsMatch.Server.Features.Ranking;

namespace SkillsMatch.Server.Features.Reports;

/// <summary>Where the top-10 lists of the fairness report came from.</summary>
public enum FairnessSource
{
    /// <summary>The candidate lists and shortlists caseworkers were shown over the period (impressions).</summary>
    Impressions,

    /// <summary>No list was shown over the period: the open needs ranked now by the matcher.</summary>
    Ranking,
}

/// <summary>The tolerance a group's share is held to (docs/fairness.md).</summary>
public sealed record FairnessTolerance(double MinRatio, double MaxRatio, double MaxGapPoints);

public sealed record FairnessReportResponse(
    DateOnly From, DateOnly To, FairnessSource Source, int Needs, int Lists, int TopK, int PoolDepth, FairnessTolerance Tolerance,
    IReadOnlyList<ReportTableJson> Tables, IReadOnlyList<string> Notes)
{
    /// <summary>The tables themselves, for CSV and xlsx; the JSON carries <see cref="Tables"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<ReportTable> Raw { get; init; } = [];
}

/// <summary>
/// The fairness report (issue 12, docs/fairness.md): the exposure the top-10 lists gave each group
/// of gender, age band, citizenship and severe disability against the exposure the same lists would
/// have given a group-blind draw from the qualified pool of each need; proposals and hires likewise.
/// The only reader of protected attributes besides the client record itself; the ranker never sees them.
/// </summary>
public static class FairnessReport
{
    public const int TopK = 10;

    /// <summary>The qualified pool of a need: the clients the matcher admits for it (retrieved, hard constraints met, certificates and languages held or trainable in time), best first, at most this many.</summary>
    public const int PoolDepth = 200;

    public static readonly FairnessTolerance Tolerance = new(0.8, 1.25, 5.0);

    private static readonly HashSet<string> OtherEuCountries = new(StringComparer.OrdinalIgnoreCase)
    {
        "AT", "BE", "BG", "CY", "CZ", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    };

    /// <summary>The groups of one protected attribute, in a fixed order so every report has the same rows.</summary>
    internal sealed record Dimension(string Key, IReadOnlyList<string> Groups, Func<Attributes, DateOnly, string> GroupOf);

    internal sealed record Attributes(string? Gender, int? BirthYear, string? Nationality, bool SevereDisability);

    private static readonly Dimension[] Dimensions =
    [
        new("gender", ["female", "male", "diverse", "unknown"], (a, _) => a.Gender ?? "unknown"),
        new("ageBand", ["<25", "25-34", "35-49", "50+", "unknown"], (a, asOf) => AgeBand(a.BirthYear, asOf)),
        new("citizenship", ["German", "EU", "non-EU", "unknown"], (a, _) => Citizenship(a.Nationality)),
        new("severeDisability", ["yes", "no"], (a, _) => a.SevereDisability ? "yes" : "no"),
    ];

    /// <summary>Age in whole years at the period's end from the year of birth alone (the birthday is not stored).</summary>
    public static string AgeBand(int? birthYear, DateOnly asOf) => (asOf.Year - birthYear) switch
    {
        null => "unknown",
        < 25 => "<25",
        < 35 => "25-34",
        < 50 => "35-49",
        _ => "50+",
    };

    public static string Citizenship(string? nationality) => nationality switch
    {
        null or "" => "unknown",
        _ when nationality.Equals("DE", StringComparison.OrdinalIgnoreCase) => "German",
        _ when OtherEuCountries.Contains(nationality) => "EU",
        _ => "non-EU",
    };

    /// <summary>The position weight of fair-ranking literature (DCG): 1 / log2(rank + 1).</summary>
    public static double Weight(int rank) => 1.0 / Math.Log2(rank + 1);

    /// <summary>"over", "under" or "within" the tolerance; "none" when neither side has any share.</summary>
    public static string Finding(double share, double poolShare)
    {
        if (share == 0 && poolShare == 0)
        {
            return "none";
        }

        var gapPoints = (share - poolShare) * 100;
        var ratio = poolShare == 0 ? double.PositiveInfinity : share / poolShare;
        if (ratio < Tolerance.MinRatio || gapPoints < -Tolerance.MaxGapPoints)
        {
            return "under";
        }

        return ratio > Tolerance.MaxRatio || gapPoints > Tolerance.MaxGapPoints ? "over" : "within";
    }

    private sealed record ShownList(int NeedId, IReadOnlyList<(int Rank, int ClientId)> Rows);

    public static async Task<FairnessReportResponse> BuildAsync(
        SkillsMatchDbContext db, CandidateIndexHost host, DateOnly from, DateOnly to, DateOnly today, CancellationToken ct)
    {
        var notes = new List<string>();
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var shownRows = await db.Impressions.AsNoTracking()
            .Where(i => (i.Kind == ListKind.Candidates || i.Kind == ListKind.Shortlist) && i.Rank <= TopK && i.ShownAt >= start && i.ShownAt < end)
            .Select(i => new { i.ListId, i.NeedId, i.ClientId, i.Rank })
            .ToListAsync(ct);
        var erasedRows = shownRows.Count(r => r.ClientId is null);
        var lists = shownRows.Where(r => r.ClientId is not null)
            .GroupBy(r => r.ListId)
            .Select(g => new ShownList(g.First().NeedId, [.. g.Select(r => (r.Rank, r.ClientId!.Value)).OrderBy(r => r.Rank)]))
            .ToList();
        var source = shownRows.Count > 0 ? FairnessSource.Impressions : FairnessSource.Ranking;

        var outcomes = await db.Outcomes.AsNoTracking()
            .Where(o => o.Date >= from && o.Date <= to && o.ClientId != null)
            .Select(o => new { o.NeedId, ClientId = o.ClientId!.Value, o.Stage })
            .ToListAsync(ct);

        var listed = source == FairnessSource.Impressions
            ? lists.Select(l => l.NeedId).ToHashSet()
            : (await db.Needs.AsNoTracking().Where(n => n.Status == Needs.NeedStatus.Open).Select(n => n.Id).ToListAsync(ct)).ToHashSet();
        var needIds = listed.Concat(outcomes.Select(o => o.NeedId)).ToHashSet();

        // The qualified pools, ranked now: one matcher call per need, without explanations.
        var matcher = await host.CurrentAsync(db, ct);
        var pools = new Dictionary<int, int[]>();
        var needIdList = needIds.ToList();
        foreach (var need in await db.Needs.AsNoTracking().Where(n => needIdList.Contains(n.Id)).ToListAsync(ct))
        {
            ct.ThrowIfCancellationRequested();
            pools[need.Id] = [.. matcher.CandidatesFor(need.ToProfile(), PoolDepth, today, Texts.Current, explain: false).Select(c => c.ClientId)];
        }

        if (source == FairnessSource.Ranking)
        {
            lists = [.. pools.Where(p => p.Value.Length > 0 && listed.Contains(p.Key))
                .OrderBy(p => p.Key)
                .Select(p => new ShownList(p.Key, [.. p.Value.Take(TopK).Select((c, i) => (i + 1, c))]))];
            notes.Add(Texts.Pick(
                "Im Zeitraum wurde keine Liste angezeigt: die offenen Bedarfe wurden jetzt mit dem Matcher gereiht (Quelle ranking).",
                "No list was shown over the period: the open needs were ranked now by the matcher (source ranking)."));
        }

        var withoutPool = lists.Count(l => pools.GetValueOrDefault(l.NeedId) is not { Length: > 0 });
        lists = [.. lists.Where(l => pools.GetValueOrDefault(l.NeedId) is { Length: > 0 })];
        if (withoutPool > 0)
        {
            notes.Add(Texts.Pick(
                $"{withoutPool} Listen ohne heutigen qualifizierten Pool (Bedarf gelöscht oder ohne passende Klienten) sind nicht gezählt.",
                $"{withoutPool} lists whose need has no qualified pool today (need deleted or no eligible client) are left out."));
        }

        if (erasedRows > 0)
        {
            notes.Add(Texts.Pick(
                $"{erasedRows} angezeigte Zeilen gelöschter Klienten sind nicht gezählt.",
                $"{erasedRows} shown rows of erased clients are left out."));
        }

        var clientIds = lists.SelectMany(l => l.Rows.Select(r => r.ClientId))
            .Concat(lists.SelectMany(l => pools[l.NeedId]))
            .Concat(outcomes.Where(o => pools.GetValueOrDefault(o.NeedId) is { Length: > 0 }).SelectMany(o => pools[o.NeedId].Append(o.ClientId)))
            .ToHashSet();
        var clientIdList = clientIds.ToList();
        var attributes = (await db.Clients.AsNoTracking()
                .Where(c => clientIdList.Contains(c.Id))
                .Select(c => new { c.Id, c.Protected.Gender, c.Protected.BirthYear, c.Protected.Nationality, c.Protected.SevereDisability })
                .ToListAsync(ct))
            .ToDictionary(c => c.Id, c => new Attributes(c.Gender, c.BirthYear, c.Nationality, c.SevereDisability));

        // Exposure: every shown row weighs 1/log2(rank+1); the pool's expected exposure spreads each
        // list's total weight evenly over its need's pool (a group-blind draw from the pool).
        var exposure = new Tally(attributes, to);
        foreach (var list in lists)
        {
            var pool = pools[list.NeedId];
            var total = 0.0;
            foreach (var (rank, clientId) in list.Rows)
            {
                var weight = Weight(rank);
                total += weight;
                exposure.Observe(clientId, weight);
            }

            exposure.Expect(pool, total);
        }

        var proposals = new Tally(attributes, to);
        var hires = new Tally(attributes, to);
        var outcomesWithoutPool = 0;
        foreach (var outcome in outcomes)
        {
            if (pools.GetValueOrDefault(outcome.NeedId) is not { Length: > 0 } pool)
            {
                outcomesWithoutPool++;
                continue;
            }

            proposals.Observe(outcome.ClientId, 1);
            proposals.Expect(pool, 1);
            if (outcome.Stage == OutcomeStage.Hired)
            {
                hires.Observe(outcome.ClientId, 1);
                hires.Expect(pool, 1);
            }
        }

        if (outcomesWithoutPool > 0)
        {
            notes.Add(Texts.Pick(
                $"{outcomesWithoutPool} Vorschläge zu Bedarfen ohne heutigen qualifizierten Pool sind nicht gezählt.",
                $"{outcomesWithoutPool} proposals for needs without a qualified pool today are left out."));
        }

        var tables = new[]
        {
            exposure.ToTable("exposure", Texts.Pick("Sichtbarkeit in den Top 10 (ranggewichtet) gegenüber dem qualifizierten Pool", "Rank-weighted exposure in the top 10 against the qualified pool"),
                Texts.Pick("Angezeigte Klienten", "Clients shown")),
            proposals.ToTable("proposals", Texts.Pick("Vorschläge gegenüber dem qualifizierten Pool", "Proposals against the qualified pool"),
                Texts.Pick("Vorgeschlagene Klienten", "Clients proposed")),
            hires.ToTable("hires", Texts.Pick("Einstellungen gegenüber dem qualifizierten Pool", "Hires against the qualified pool"),
                Texts.Pick("Eingestellte Klienten", "Clients hired")),
        };

        return new FairnessReportResponse(
            from, to, source, lists.Select(l => l.NeedId).Distinct().Count(), lists.Count, TopK, PoolDepth, Tolerance,
            [.. tables.Select(ReportTableJson.From)], notes)
        {
            Raw = tables,
        };
    }

    /// <summary>Observed and expected weight per group of every dimension, and the distinct clients behind each.</summary>
    private sealed class Tally(IReadOnlyDictionary<int, Attributes> attributes, DateOnly asOf)
    {
        private static readonly Attributes Unknown = new(null, null, null, false);

        private readonly Dictionary<(string, string), double> _observed = [];
        private readonly Dictionary<(string, string), double> _expected = [];
        private readonly Dictionary<(string, string), HashSet<int>> _clients = [];
        private readonly Dictionary<(string, string), HashSet<int>> _poolClients = [];
        private double _observedTotal;
        private double _expectedTotal;

        public void Observe(int clientId, double weight)
        {
            _observedTotal += weight;
            var a = attributes.GetValueOrDefault(clientId, Unknown);
            foreach (var d in Dimensions)
            {
                var key = (d.Key, d.GroupOf(a, asOf));
                _observed[key] = _observed.GetValueOrDefault(key) + weight;
                (_clients.TryGetValue(key, out var set) ? set : _clients[key] = []).Add(clientId);
            }
        }

        public void Expect(int[] pool, double weight)
        {
            _expectedTotal += weight;
            var each = weight / pool.Length;
            foreach (var clientId in pool)
            {
                var a = attributes.GetValueOrDefault(clientId, Unknown);
                foreach (var d in Dimensions)
                {
                    var key = (d.Key, d.GroupOf(a, asOf));
                    _expected[key] = _expected.GetValueOrDefault(key) + each;
                    (_poolClients.TryGetValue(key, out var set) ? set : _poolClients[key] = []).Add(clientId);
                }
            }
        }

        public ReportTable ToTable(string name, string title, string clientsLabel)
        {
            var table = new ReportTable(name, title,
            [
                new("dimension", Texts.Pick("Merkmal", "Attribute"), ColumnKind.Text),
                new("group", Texts.Pick("Gruppe", "Group"), ColumnKind.Text),
                new("clients", clientsLabel, ColumnKind.ClientCount),
                new("poolClients", Texts.Pick("Klienten im qualifizierten Pool", "Clients in the qualified pool"), ColumnKind.ClientCount),
                new("share", Texts.Pick("Anteil", "Share"), ColumnKind.Ratio),
                new("poolShare", Texts.Pick("Anteil im Pool (erwartet)", "Pool share (expected)"), ColumnKind.Ratio),
                new("gapPoints", Texts.Pick("Abstand (Prozentpunkte)", "Gap (percentage points)"), ColumnKind.Ratio),
                new("ratio", Texts.Pick("Verhältnis der Anteile", "Ratio of shares"), ColumnKind.Ratio),
                new("finding", Texts.Pick("Befund (over/under/within)", "Finding (over/under/within)"), ColumnKind.Text),
            ]);
            foreach (var d in Dimensions)
            {
                foreach (var group in d.Groups)
                {
                    var key = (d.Key, group);
                    var share = _observedTotal == 0 ? 0 : _observed.GetValueOrDefault(key) / _observedTotal;
                    var poolShare = _expectedTotal == 0 ? 0 : _expected.GetValueOrDefault(key) / _expectedTotal;
                    table.Add(
                        d.Key,
                        group,
                        _clients.GetValueOrDefault(key)?.Count ?? 0,
                        _poolClients.GetValueOrDefault(key)?.Count ?? 0,
                        share,
                        poolShare,
                        (share - poolShare) * 100,
                        poolShare == 0 ? null : share / poolShare,
                        _observedTotal == 0 ? "none" : Finding(share, poolShare));
                }
            }

            table.Notes.Add(Texts.Pick(
                $"Außerhalb der Toleranz: Verhältnis der Anteile unter {Tolerance.MinRatio} oder über {Tolerance.MaxRatio} (Vier-Fünftel-Regel) oder Abstand über {Tolerance.MaxGapPoints} Prozentpunkte.",
                $"Outside tolerance: ratio of shares below {Tolerance.MinRatio} or above {Tolerance.MaxRatio} (four-fifths rule), or a gap over {Tolerance.MaxGapPoints} percentage points."));
            SmallCounts.Suppress(table, "dimension", "finding");
            return table;
        }
    }
}
