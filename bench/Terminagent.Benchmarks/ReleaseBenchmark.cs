using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Cities;
using Terminagent.Engine;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Database;
using Terminagent.Engine.Schedule;

namespace Terminagent.Benchmarks;

/// <summary>
/// The daily advance release of all offices, matched and committed by the app's own services on a
/// fresh database with the demo city and a fake clock. The day before, the app plans its schedule
/// and takes (with no wishes yet) the releases already due, so the measured run is one ordinary
/// morning: the same-day release at 07:00, then the advance release at 09:00 of the day 21 days ahead.
/// </summary>
public static class ReleaseBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var wishes = 300_000;
        var provider = DatabaseProvider.Sqlite;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--wishes" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    wishes = n;
                    i++;
                    break;
                case "--postgres":
                    provider = DatabaseProvider.Postgres;
                    break;
                default:
                    Console.Error.WriteLine($"release: unknown argument '{args[i]}'; use [--wishes 300000] [--postgres]");
                    return 2;
            }
        }

        var total = Stopwatch.StartNew();
        var city = DemoCity.Load();
        var releaseMorning = DemoCity.ReleaseMorning;
        var dayBefore = releaseMorning - Duration.FromDays(1);
        var time = new FakeTimeProvider(dayBefore.ToDateTimeOffset());
        await using var database = await BenchDatabase.CreateAsync(provider, migrate: false);
        var work = Directory.CreateTempSubdirectory("terminagent-bench-");
        Console.WriteLine($"release benchmark: {wishes} waiting wishes, {city.Offices.Count} offices of {city.Name}, {database.Description}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = work.FullName,
            EnvironmentName = "Production",
            DisableDefaults = true,
        });
        builder.Configuration.AddJsonFile(DemoCity.File, optional: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Mail:Transport"] = "Folder",
            ["Mail:Folder"] = Path.Combine(work.FullName, "mail"),
            ["App:PublicBaseUrl"] = "http://localhost:5000",
        });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddTerminagentEngine(builder.Configuration);
        var host = builder.Build();
        var services = host.Services;
        var schedule = services.GetRequiredService<ScheduleSync>();
        var agent = services.GetRequiredService<ReleaseAgent>();

        // The day before: migrate, plan the schedule, and take every release already due (no wishes yet).
        var watch = Stopwatch.StartNew();
        await services.PrepareDatabaseAsync();
        var planned = await schedule.SyncAsync(CancellationToken.None);
        Console.WriteLine($"{Local(city, dayBefore)}: migrated and planned {planned.Added} slots in {watch.Elapsed.TotalSeconds:F1} s");
        watch.Restart();
        await agent.ProcessDueReleasesAsync(CancellationToken.None);
        var caughtUp = await CountAsync(services, db => db.ReleaseRuns.CountAsync());
        Console.WriteLine($"{Local(city, dayBefore)}: took the {caughtUp} releases already due, with no wishes yet, in {watch.Elapsed.TotalSeconds:F1} s");

        // The queue: wishes registered over the ten months before the release morning.
        WishSeeder.Seed(database.Provider, database.ConnectionString, new WishGenerator(city, releaseMorning - Duration.FromHours(2)).Generate(wishes), wishes);

        var sameDay = await MeasureAsync(services, city, time, schedule, agent, releaseMorning - Duration.FromHours(2), ReleaseKind.SameDay, wishes);
        var advance = await MeasureAsync(services, city, time, schedule, agent, releaseMorning, ReleaseKind.Advance, wishes);

        Console.WriteLine();
        Console.WriteLine($"== figures ({wishes} waiting wishes, {city.Offices.Count} offices, {ProviderName(database.Provider)}, {Environment.ProcessorCount} cores) ==");
        sameDay.Print();
        advance.Print();
        Console.WriteLine($"total run time of the benchmark (setup, seeding, both releases): {total.Elapsed.TotalSeconds:F0} s");
        host.Dispose();
        work.Delete(recursive: true);
        return 0;
    }

    private sealed record Figures(string Title, TimeSpan Wall, int Released, int Quota, int PlacesOffered, int Offers, int Outbox)
    {
        public void Print()
        {
            Console.WriteLine(Title);
            Console.WriteLine($"  wall time (matched and committed): {Wall.TotalSeconds,8:F2} s");
            Console.WriteLine($"  places released:                   {Released,8}");
            Console.WriteLine($"  agent's share (quota):             {Quota,8}");
            Console.WriteLine($"  places offered to wishes:          {PlacesOffered,8}");
            Console.WriteLine($"  offers made:                       {Offers,8}   ({Outbox} emails queued in the outbox)");
            Console.WriteLine($"  offers per second:                 {Offers / Wall.TotalSeconds,8:F0}");
        }
    }

    private static async Task<Figures> MeasureAsync(
        IServiceProvider services, City city, FakeTimeProvider time, ScheduleSync schedule, ReleaseAgent agent,
        Instant at, ReleaseKind kind, int wishes)
    {
        time.SetUtcNow(at.ToDateTimeOffset());
        await schedule.SyncAsync(CancellationToken.None);
        var office = city.Offices[0];
        var day = kind == ReleaseKind.Advance
            ? at.InZone(office.Zone).Date.PlusDays(office.Release.AdvanceLeadDays)
            : at.InZone(office.Zone).Date;
        var title = kind == ReleaseKind.Advance
            ? $"advance release {office.Release.AdvanceReleaseTime:HH:mm} of {day:ddd yyyy-MM-dd} (run at {Local(city, at)})"
            : $"same-day release {office.Release.SameDayReleaseTime:HH:mm} of {day:ddd yyyy-MM-dd} (run at {Local(city, at)})";
        Console.WriteLine();
        Console.WriteLine($"{title}: all {city.Offices.Count} offices, {wishes} wishes in the queue ...");
        var outboxBefore = await CountAsync(services, db => db.OutboxMessages.CountAsync());

        var watch = Stopwatch.StartNew();
        await agent.ProcessDueReleasesAsync(CancellationToken.None);
        watch.Stop();

        var runs = await ReadAsync(services, db => db.ReleaseRuns.AsNoTracking().Where(r => r.RanAt == at).ToListAsync());
        var outbox = await CountAsync(services, db => db.OutboxMessages.CountAsync()) - outboxBefore;
        var offers = await CountAsync(services, db => db.Offers.CountAsync(o => o.OfferedAt == at));
        var quota = 0;
        foreach (var run in runs.OrderBy(r => r.OfficeId, StringComparer.Ordinal))
        {
            var share = (int)Math.Floor(run.PlacesReleased * city.FindOffice(run.OfficeId)!.Agent.ReleaseSharePercent / 100m);
            quota += share;
            Console.WriteLine($"  {run.OfficeId,-14} {run.Kind,-8} {run.Date:yyyy-MM-dd}: {run.PlacesReleased,4} places released, {run.PlacesOffered,4} offered (share {share})");
        }

        if (runs.Count != city.Offices.Count || runs.Any(r => r.Kind != kind || r.Date != day))
        {
            throw new InvalidOperationException($"Expected one {kind} run of {day} per office, got {runs.Count}: the measured run was not one daily release.");
        }

        return new Figures(title, watch.Elapsed, runs.Sum(r => r.PlacesReleased), quota, runs.Sum(r => r.PlacesOffered), offers, outbox);
    }

    private static string Local(City city, Instant at) =>
        at.InZone(city.Offices[0].Zone).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string ProviderName(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

    private static Task<int> CountAsync(IServiceProvider services, Func<TerminagentDb, Task<int>> count) => ReadAsync(services, count);

    private static async Task<T> ReadAsync<T>(IServiceProvider services, Func<TerminagentDb, Task<T>> read)
    {
        await using var scope = services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TerminagentDb>());
    }
}
