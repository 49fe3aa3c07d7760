using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Terminagent.Benchmarks;

// Measurements, not tests: run them by hand (see "Benchmarks" in the README).
//   match   [--job dry|short|medium|long] [BenchmarkDotNet options]    one freed slot against 1k/10k/30k/100k/300k wishes
//   release [--wishes 300000] [--postgres] the 07:00 and 09:00 releases of every office
//   explain [--wishes 300000] [--postgres] [--keep] the matching query's SQL, plan and per-call times
var mode = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
switch (mode)
{
    case "match":
        return RunMatch(rest);
    case "release":
        return await ReleaseBenchmark.RunAsync(rest);
    case "explain":
        return await ExplainMatch.RunAsync(rest);
    default:
        Console.Error.WriteLine("""
            usage: dotnet run -c Release --project bench/Terminagent.Benchmarks -- <mode>
              match   [--job dry|short|medium|long] [BenchmarkDotNet options, e.g. --filter '*NoWish*']
                      matching one freed slot (AgentEngine.OldestWaitingAsync) against 1,000 / 10,000 / 30,000 / 100,000 / 300,000 wishes;
                      SQLite, and PostgreSQL too when TERMINAGENT_BENCH_POSTGRES names a server
              release [--wishes 300000] [--postgres]
                      the 07:00 same-day and 09:00 advance release of all offices, matched and committed
              explain [--wishes 300000] [--postgres] [--keep]
                      the matching query's SQL, the database's plan, and per-call median/p95/p99/max
            """);
        return 2;
}

static int RunMatch(string[] args)
{
    // A short run by default (3 warm-ups, 3 iterations): minutes on 2 cores, not hours. In-process,
    // so nothing is rebuilt and the seeded database is made once per parameter.
    var job = Job.ShortRun;
    var passOn = new List<string>();
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] == "--job" && i + 1 < args.Length)
        {
            job = args[++i].ToLowerInvariant() switch
            {
                "dry" => Job.Dry,
                "short" => Job.ShortRun,
                "medium" => Job.MediumRun,
                "long" => Job.LongRun,
                "default" => Job.Default,
                var other => throw new ArgumentException($"unknown job '{other}': dry, short, medium, long or default"),
            };
        }
        else
        {
            passOn.Add(args[i]);
        }
    }

    var config = DefaultConfig.Instance
        .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
        .AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max)
        .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
    var summary = BenchmarkRunner.Run<MatchingBenchmarks>(config, [.. passOn]);
    GrowthSummary.Print(summary);
    return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
}
