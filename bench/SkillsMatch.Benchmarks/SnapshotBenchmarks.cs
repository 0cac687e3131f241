using BenchmarkDotNet.Attributes;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;

namespace SkillsMatch.Benchmarks;

/// <summary>
/// Applying one changed profile: in place (what the index did under a lock before snapshots) and
/// as a new snapshot that readers can take while the old one stays intact.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SnapshotBenchmarks
{
    private CandidateIndex _index = null!;
    private List<ClientProfile> _changes = null!;
    private int _next;

    [Params(4_000, 100_000)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var reference = ReferenceData.Load(ReferenceData.LocateDataDirectory());
        var data = new SyntheticData(reference);
        var profiles = data.Clients(Clients).ToList();
        _index = CandidateIndex.Build(reference, profiles);

        // Existing ids with new content: a profile edit, not an insert.
        _changes = [.. data.Clients(64, seed: 11).Select((p, i) => p with { Id = profiles[i * (Clients / 64)].Id })];
    }

    private ClientProfile NextChange() => _changes[_next++ & 63];

    [Benchmark(Baseline = true)]
    public int InPlace()
    {
        _index.Upsert(NextChange());
        return _index.Count;
    }

    [Benchmark]
    public int NewSnapshot() => _index.With([NextChange()], []).Count;
}
