using System.Diagnostics;
using System.Globalization;

namespace Terminagent.Load;

/// <summary>
/// Latencies of one kind of request, every sample kept (a run records at most a few hundred
/// thousand), and percentiles read from the sorted samples. Thread-safe.
/// </summary>
public sealed class Latency(string name)
{
    private readonly List<long> ticks = [];
    private readonly Dictionary<string, int> outcomes = [];
    private readonly Lock gate = new();

    public string Name { get; } = name;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return ticks.Count;
            }
        }
    }

    public static long Start() => Stopwatch.GetTimestamp();

    /// <summary>Records one answered request, or one that failed without an answer (<paramref name="outcome"/> names it).</summary>
    public void Record(long started, string outcome)
    {
        var elapsed = Stopwatch.GetTimestamp() - started;
        lock (gate)
        {
            ticks.Add(elapsed);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
    }

    public IReadOnlyDictionary<string, int> Outcomes()
    {
        lock (gate)
        {
            return new SortedDictionary<string, int>(outcomes, StringComparer.Ordinal);
        }
    }

    public int CountOf(Func<string, bool> outcome)
    {
        lock (gate)
        {
            return outcomes.Where(o => outcome(o.Key)).Sum(o => o.Value);
        }
    }

    /// <summary>The p-th percentile in milliseconds (nearest rank), or NaN without samples.</summary>
    public double Percentile(double p)
    {
        long[] sorted;
        lock (gate)
        {
            sorted = [.. ticks];
        }

        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    public string Describe(TimeSpan over) => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-28} {Count,8} req  {Count / over.TotalSeconds,9:0.0}/s  p50 {Percentile(50),7:0.0} ms  p95 {Percentile(95),7:0.0} ms  p99 {Percentile(99),7:0.0} ms  max {Percentile(100),7:0.0} ms");

    public string DescribeOutcomes() => string.Join(", ", Outcomes().Select(o => $"{o.Key}: {o.Value}"));
}
