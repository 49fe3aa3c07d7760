using System.Globalization;
using BenchmarkDotNet.Reports;

namespace Terminagent.Benchmarks;

/// <summary>
/// How the matching cost grows with the queue, in a few lines under BenchmarkDotNet's table: the
/// median per number of wishes (steadier than the mean on a shared machine), and the factor the cost grows by for every tenfold more wishes
/// (1.0 = flat, 10 = linear), between neighbouring sizes and over the whole range.
/// </summary>
public static class GrowthSummary
{
    public static void Print(Summary summary)
    {
        var rows = summary.Reports
            .Where(r => r.Success && r.ResultStatistics is not null)
            .Select(r => new
            {
                Case = r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,
                Provider = r.BenchmarkCase.Parameters["Provider"]?.ToString() ?? "",
                Wishes = Convert.ToInt32(r.BenchmarkCase.Parameters["Wishes"], CultureInfo.InvariantCulture),
                MedianNs = r.ResultStatistics!.Median,
            })
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("// Growth of one match with the number of active wishes: median, and factor per 10x wishes (1 = flat, 10 = linear)");
        foreach (var group in rows.GroupBy(r => (r.Provider, r.Case)).OrderBy(g => g.Key.Provider).ThenBy(g => g.Key.Case))
        {
            var points = group.OrderBy(r => r.Wishes).ToList();
            Console.WriteLine($"{group.Key.Provider}, {group.Key.Case}:");
            for (var i = 0; i < points.Count; i++)
            {
                var step = i == 0 ? "" : string.Create(inv, $"   x{PerTenfold(points[i - 1].Wishes, points[i - 1].MedianNs, points[i].Wishes, points[i].MedianNs):0.00} per 10x");
                Console.WriteLine(string.Create(inv, $"  {points[i].Wishes,9:N0} wishes  {points[i].MedianNs / 1000,10:0.0} us{step}"));
            }

            if (points.Count > 1)
            {
                var (first, last) = (points[0], points[^1]);
                Console.WriteLine(string.Create(inv,
                    $"  {first.Wishes:N0} -> {last.Wishes:N0}: x{last.MedianNs / first.MedianNs:0.00} in all; fitted over all sizes x{FittedPerTenfold(points.Select(p => (p.Wishes, p.MedianNs)).ToList()):0.00} per 10x wishes"));
            }
        }
    }

    /// <summary>The slope of log(time) over log(wishes), least squares: one disturbed size moves it less than the end points.</summary>
    private static double FittedPerTenfold(IReadOnlyList<(int Wishes, double Time)> points)
    {
        var xs = points.Select(p => Math.Log10(p.Wishes)).ToList();
        var ys = points.Select(p => Math.Log10(p.Time)).ToList();
        var (mx, my) = (xs.Average(), ys.Average());
        var slope = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / xs.Sum(x => (x - mx) * (x - mx));
        return Math.Pow(10, slope);
    }

    private static double PerTenfold(int wishesA, double timeA, int wishesB, double timeB) =>
        Math.Pow(timeB / timeA, 1 / Math.Log10((double)wishesB / wishesA));
}
