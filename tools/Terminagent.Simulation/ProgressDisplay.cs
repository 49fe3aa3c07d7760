using System.Globalization;
using Spectre.Console;

namespace Terminagent.Simulation;

/// <summary>A progress bar per run on a terminal; plain lines when the output is redirected (CI, a log file).</summary>
public static class ProgressDisplay
{
    /// <summary>
    /// Plays the runs, up to <paramref name="parallel"/> at once: each run is one thread of work on a
    /// database of its own, so runs side by side use the cores and still play their seed the same.
    /// </summary>
    public static async Task<IReadOnlyList<SimulationReport>> RunAllAsync(IReadOnlyList<SimulationOptions> runs, int parallel, CancellationToken ct)
    {
        var reports = new SimulationReport[runs.Count];
        if (Console.IsOutputRedirected)
        {
            await PlayAsync(runs, parallel, (i, options) => SimulationRun.RunAsync(options, LineReporter(options), ct), reports, ct);
            return reports;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = runs.Select(o => context.AddTask($"{SimulationDatabases.Suffix(o.Rule)}: waiting", autoStart: false, maxValue: o.Days)).ToList();
                await PlayAsync(runs, parallel, (i, options) =>
                {
                    var task = tasks[i];
                    task.StartTask();
                    return SimulationRun.RunAsync(options, new Reporter(p =>
                    {
                        task.Value = p.Day;
                        task.Description = string.Create(CultureInfo.InvariantCulture,
                            $"{SimulationDatabases.Suffix(options.Rule)}: day {p.Day}/{p.Days} {p.Date:yyyy-MM-dd} · bookings {p.Bookings:N0} · wishes {p.Wishes:N0} · offers {p.Offers:N0}");
                    }), ct);
                }, reports, ct);
            });
        return reports;
    }

    private static async Task PlayAsync(
        IReadOnlyList<SimulationOptions> runs, int parallel, Func<int, SimulationOptions, Task<SimulationReport>> play, SimulationReport[] reports, CancellationToken ct)
    {
        // Each run on a thread of its own: SQLite's async calls complete at once, so a run would hold a pool thread throughout.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, runs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
            async (i, _) => reports[i] = await Task.Factory.StartNew(() => play(i, runs[i]), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
    }

    /// <summary>A line every thirtieth of the run, with the time left estimated from the days after the first.</summary>
    private static Reporter LineReporter(SimulationOptions options)
    {
        var name = SimulationDatabases.Suffix(options.Rule);
        var every = Math.Max(1, options.Days / 30);
        var wall = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? firstDay = null;
        return new Reporter(p =>
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
        });
    }

    /// <summary>Reports at once, on the simulation's own thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Reporter(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
