using System.Globalization;
using Spectre.Console;

namespace Terminagent.Simulation;

/// <summary>A progress bar on a terminal; plain lines when the output is redirected (CI, a log file).</summary>
public static class ProgressDisplay
{
    public static async Task<SimulationReport> RunAsync(SimulationOptions options, CancellationToken ct)
    {
        var name = SimulationDatabases.Suffix(options.Rule);
        if (Console.IsOutputRedirected)
        {
            var every = Math.Max(1, options.Days / 30);
            var wall = System.Diagnostics.Stopwatch.StartNew();
            TimeSpan? firstDay = null;
            return await SimulationRun.RunAsync(options, new Reporter(p =>
            {
                // The first day carries the backlog's morning, so the days after it set the pace.
                firstDay ??= wall.Elapsed;
                if (p.Day % every == 0 || p.Day == p.Days)
                {
                    var perDay = p.Day > 1 ? (wall.Elapsed - firstDay.Value) / (p.Day - 1) : wall.Elapsed;
                    var left = perDay * (p.Days - p.Day);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name}: day {p.Day}/{p.Days} ({p.Date:yyyy-MM-dd}) bookings {p.Bookings:N0} wishes {p.Wishes:N0} offers {p.Offers:N0} after {wall.Elapsed:hh\\:mm\\:ss}, about {left:hh\\:mm\\:ss} left"));
                }
            }), ct);
        }

        SimulationReport? report = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{name}: starting", maxValue: options.Days);
                report = await SimulationRun.RunAsync(options, new Reporter(p =>
                {
                    task.Value = p.Day;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{name}: day {p.Day}/{p.Days} {p.Date:yyyy-MM-dd} · bookings {p.Bookings:N0} · wishes {p.Wishes:N0} · offers {p.Offers:N0}");
                }), ct);
            });
        return report!;
    }

    /// <summary>Reports at once, on the simulation's own thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Reporter(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
