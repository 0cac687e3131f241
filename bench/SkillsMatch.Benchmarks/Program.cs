using BenchmarkDotNet.Running;
using SkillsMatch.Benchmarks;

// `quick` prints a summary table in about two minutes; `http` loads a running server; anything else goes to BenchmarkDotNet.
return args.Length > 0 && args[0] == "quick" ? QuickRun.Run(args)
    : args.Length > 0 && args[0] == "http" ? await HttpLoad.RunAsync(args)
    : RunBenchmarkDotNet(args);

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(QuickRun).Assembly).Run(args);
    return 0;
}
