using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;
using SkillsMatch.Engine.Taxonomy;

namespace SkillsMatch.Benchmarks;

/// <summary>Top-50 candidates for one need over synthetic profiles: the engine against the two peers.</summary>
[MemoryDiagnoser]
public class MatchBenchmarks
{
    private ReferenceData _reference = null!;
    private List<ClientProfile> _profiles = null!;
    private List<NeedProfile> _needs = null!;
    private Matcher _matcher = null!;
    private Dictionary<string, int> _frequency = null!;
    private SqliteConnection _sqlite = null!;
    private string _sqlitePath = null!;
    private int _next;

    [Params(1_000_000)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _reference = ReferenceData.Load(ReferenceData.LocateDataDirectory());
        var data = new SyntheticData(_reference);
        _profiles = data.Clients(Clients).ToList();
        _needs = data.Needs(64);
        _matcher = new Matcher(CandidateIndex.Build(_reference, _profiles));
        _frequency = _profiles.SelectMany(p => p.Skills).GroupBy(s => s.SkillId).ToDictionary(g => g.Key, g => g.Count());
        _sqlitePath = Path.Combine(Path.GetTempPath(), $"skillsmatch-bdn-{Environment.ProcessId}.db");
        _sqlite = Peers.CreateSqlite(_sqlitePath, _profiles, _reference);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_sqlitePath);
    }

    private NeedProfile NextNeed() => _needs[_next++ & 63];

    [Benchmark(Baseline = true)]
    public int Engine() => _matcher.CandidatesFor(NextNeed(), 50, new DateOnly(2026, 11, 2), Language.German).Count;

    [Benchmark]
    public int LinqScan() => Peers.LinqTop(_profiles, Peers.Weights(NextNeed(), _frequency, Clients), 50).Count;

    [Benchmark]
    public int SqliteGroupBy() => Peers.SqlTop(_sqlite, Peers.Weights(NextNeed(), _frequency, Clients), _reference, 50).Count;
}

/// <summary>Start-up cost of the reference data: taxonomy with its search indices, vocabulary, regions.</summary>
[MemoryDiagnoser]
public class ReferenceDataBenchmarks
{
    private string _folder = null!;

    [GlobalSetup]
    public void Setup() => _folder = ReferenceData.LocateDataDirectory();

    [Benchmark]
    public int Load() => ReferenceData.Load(_folder).Taxonomy.Skills.Count;
}
