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
    private readonly List<long> answeredAt = [];
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
        var now = Stopwatch.GetTimestamp();
        lock (gate)
        {
            ticks.Add(now - started);
            answeredAt.Add(now);
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

    /// <summary>
    /// Count, p99 and max of the requests answered in each <paramref name="window"/> after <paramref name="t0"/>:
    /// shows whether a tail comes from one moment (a start, a pause) or from the whole run.
    /// </summary>
    public string DescribeWindows(long t0, TimeSpan window)
    {
        long[] elapsed, at;
        lock (gate)
        {
            (elapsed, at) = ([.. ticks], [.. answeredAt]);
        }

        var width = (long)(window.TotalSeconds * Stopwatch.Frequency);
        var lines = Enumerable.Range(0, elapsed.Length)
            .GroupBy(i => Math.Max(0, at[i] - t0) / width)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var sorted = g.Select(i => elapsed[i]).Order().ToArray();
                var p99 = sorted[Math.Clamp((int)Math.Ceiling(0.99 * sorted.Length) - 1, 0, sorted.Length - 1)];
                return string.Create(CultureInfo.InvariantCulture,
                    $"  {g.Key * window.TotalSeconds,4:0}-{(g.Key + 1) * window.TotalSeconds,-4:0} s {sorted.Length,6}  p99 {p99 * 1000.0 / Stopwatch.Frequency,7:0.0} ms  max {sorted[^1] * 1000.0 / Stopwatch.Frequency,7:0.0} ms");
            });
        return $"{Name} by when answered:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }

    public string DescribeOutcomes() => string.Join(", ", Outcomes().Select(o => $"{o.Key}: {o.Value}"));
}
