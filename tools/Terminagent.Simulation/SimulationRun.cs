using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Npgsql;
using Terminagent.Data;
using Terminagent.Domain.Cities;
using Terminagent.Engine;
using Terminagent.Engine.Audit;
using Terminagent.Engine.Database;
using Terminagent.Engine.Rounds;

namespace Terminagent.Simulation;

/// <summary>
/// Plays citizens against the real app: its services, its background rounds and its database, on a
/// fake clock the run moves forward step by step. Citizens act only as a person could: they search
/// the free times, book and confirm with the link from their email, leave and confirm wishes, answer
/// offers from the offer email, cancel with their manage link and check in with their code.
/// </summary>
public sealed partial class SimulationRun
{
    private const string MailDomain = "sim.example.org";

    private readonly IServiceProvider services;
    private readonly FakeTimeProvider time;
    private readonly SimulationOptions options;
    private readonly IProgress<SimulationProgress>? progress;
    private readonly City city;
    private readonly RoundRunner rounds;
    private readonly SimulatedMailboxes mailboxes;
    private readonly Random random;
    private readonly DateTimeZone zone;
    private readonly PriorityQueue<Func<CancellationToken, Task>, Instant> actions = new();
    private readonly PriorityQueue<Appointment, Instant> checkIns = new();
    private readonly SimulationCounts counts = new();
    private readonly (Service Service, double Weight)[] serviceMix;
    private readonly (Office Office, double Weight)[] officeMix;
    private int nextCitizen;

    private SimulationRun(IServiceProvider services, FakeTimeProvider time, SimulationOptions options, IProgress<SimulationProgress>? progress)
    {
        this.services = services;
        this.time = time;
        this.options = options;
        this.progress = progress;
        city = services.GetRequiredService<City>();
        rounds = services.GetRequiredService<RoundRunner>();
        mailboxes = services.GetService<SimulatedMailboxes>()
            ?? throw new InvalidOperationException("The host must deliver mail to the citizens' mailboxes: SimulatedMailboxes.Use(services).");
        zone = city.Offices[0].Zone;
        random = new Random(options.Seed);
        serviceMix = city.Services.Select(s => (s, ServiceWeight(s.Id))).ToArray();
        officeMix = city.Offices.Select(o => (o, (double)o.PeriodsOn(NextMonday(options.Start)).Sum(p => p.Counters))).ToArray();
    }

    private Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    /// <summary>
    /// Runs one simulation on its own host and database (created or reset as the options say), and
    /// returns its report.
    /// </summary>
    public static async Task<SimulationReport> RunAsync(SimulationOptions options, IProgress<SimulationProgress>? progress, CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var work = Directory.CreateTempSubdirectory("terminagent-sim-");
        try
        {
            var cityFile = options.CityFile ?? CityGenerator.Write(
                Path.Combine(work.FullName, "city.json"), options.Offices, options.ContactsPerYear, options.Rule, options.Start, PlacesPerContact, options.ReleaseSharePercent).Path;
            if (options.ResetDatabase)
            {
                await ResetDatabaseAsync(options.Provider, options.ConnectionString, ct);
            }

            var time = new FakeTimeProvider(StartOf(options.Start).ToDateTimeOffset());
            using var host = BuildHost(options, cityFile, time, work.FullName);
            await host.Services.PrepareDatabaseAsync(ct);
            var report = await RunOnHostAsync(host.Services, time, options, progress, ct);
            if (host.Services.GetService<StatementProfile>() is { } statements)
            {
                var all = statements.Top(int.MaxValue).ToList();
                Console.Error.WriteLine($"{all.Sum(s => s.Total.TotalSeconds),8:F1} s {all.Sum(s => s.Count),10:N0}×  all {all.Count:N0} distinct statements");
                foreach (var (sql, count, total) in all.Take(25))
                {
                    Console.Error.WriteLine($"{total.TotalSeconds,8:F1} s {count,10:N0}× {total.TotalMilliseconds / count,7:F3} ms  {string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()))}");
                }
            }
            return report with { WallTime = wall.Elapsed, CpuTime = options.SharesProcess ? null : Process.GetCurrentProcess().TotalProcessorTime - cpu };
        }
        finally
        {
            ClearPool(options.Provider, options.ConnectionString);
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Runs the simulation against a host built elsewhere (e.g. a test app on a test database): its
    /// clock must be <paramref name="time"/>, its workers off, its database migrated, and its mail
    /// transport the citizens' mailboxes (<see cref="SimulatedMailboxes.Use"/>).
    /// </summary>
    public static async Task<SimulationReport> RunOnHostAsync(
        IServiceProvider services, FakeTimeProvider time, SimulationOptions options, IProgress<SimulationProgress>? progress, CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var run = new SimulationRun(services, time, options, progress);
        await run.PlayAsync(ct);
        var report = await SimulationReport.CollectAsync(services, run.counts, options, run.Now, ct);
        return report with { WallTime = wall.Elapsed };
    }

    /// <summary>
    /// The engine on a plain host that serves nothing: the simulation's clock, no workers (the run
    /// drives the rounds), and the citizens' mailboxes as the mail transport.
    /// </summary>
    public static IHost BuildHost(SimulationOptions options, string cityFile, FakeTimeProvider time, string workFolder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Simulation",
            ContentRootPath = workFolder,
            DisableDefaults = true,
        });
        builder.Configuration.AddJsonFile(Path.GetFullPath(cityFile), optional: false, reloadOnChange: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = options.Provider.ToString(),
            ["Database:ConnectionString"] = options.ConnectionString,

            // A scratch database: waiting for the disk at each of millions of commits would be most of the run.
            ["Database:SqliteSynchronous"] = "Normal",
            ["Database:SqliteMemoryMapMegabytes"] = "1024",
            ["App:PublicBaseUrl"] = "https://" + MailDomain,

            // A seed plays the same every time: a citizen sees every change made before they look.
            ["Availability:CatchUpOnRead"] = "true",
        });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Error);

        // Commands the engine expects to fail (a lost race, the first migration check) are not news here.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddTerminagentEngine(builder.Configuration);
        SimulatedMailboxes.Use(builder.Services);
        if (options.StatementProfile)
        {
            builder.Services.AddSingleton<StatementProfile>();
            builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<StatementProfile>());
        }

        return builder.Build();
    }

    public static async Task ResetDatabaseAsync(DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        ClearPool(provider, connectionString);
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return;
        }

        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? throw new InvalidOperationException("The PostgreSQL connection string must name a database (Database=...).");
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(ct);
        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", $"CREATE DATABASE {quoted}" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Lets go of this run's pooled connections only: other runs may be using theirs.</summary>
    private static void ClearPool(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            using var pooled = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(pooled);
        }
        else
        {
            using var pooled = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(pooled);
        }
    }

    /// <summary>Midnight of the first day, when the run starts planning the schedule.</summary>
    private static Instant StartOf(LocalDate date) =>
        date.AtStartOfDayInZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).ToInstant();

    private static LocalDate NextMonday(LocalDate date) => date.Next(IsoDayOfWeek.Monday);

    // ----- the days -----

    private async Task PlayAsync(CancellationToken ct)
    {
        for (var day = 0; day < options.Days; day++)
        {
            var date = options.Start.PlusDays(day);
            var steps = StepsOf(date);
            var arrivals = ArrivalsOf(steps);
            if (day == 0 && options.Backlog)
            {
                // The days already open at the start were booked by citizens who came before it.
                var first = steps.First(s => s.InZone(zone).TimeOfDay >= new LocalTime(7, 0));
                arrivals[first] += (int)Math.Round(options.ContactsPerYear / 365.0 * city.Offices.Max(o => o.Release.AdvanceLeadDays));
            }

            foreach (var step in steps)
            {
                ct.ThrowIfCancellationRequested();
                // A step's actions each moved the clock a millisecond on; it never goes back.
                if (step > Now)
                {
                    time.SetUtcNow(step.ToDateTimeOffset());
                }
                var stepStarted = Now;
                await BackgroundRoundAsync(ct);
                await DeliverMailAsync(ct);
                await RunDueActionsAsync(ct);
                await CheckInAsync(ct);
                if (arrivals.TryGetValue(step, out var count))
                {
                    await ArriveAsync(count, ct);
                }

                await CheckFifoAsync(stepStarted, ct);
            }

            if (day == 0 && options.Days > 1)
            {
                services.GetService<StatementProfile>()?.Clear();
            }

            progress?.Report(new SimulationProgress(options.Rule, day + 1, options.Days, date, counts.DirectBookings + counts.AgentBookings, counts.WishesRegistered, counts.OffersReceived));
        }

        // A last round so that what fell due at the end (lapsed offers, no-shows) is recorded.
        await BackgroundRoundAsync(ct);
        await DeliverMailAsync(ct);
    }

    /// <summary>
    /// The moments the run stops at on a day: the night round, five minutes before each release (when
    /// the agent takes its share), and every quarter hour from the same-day release until the evening.
    /// </summary>
    private List<Instant> StepsOf(LocalDate date)
    {
        var times = new SortedSet<LocalTime> { new(0, 30), new(6, 55), new(8, 55) };
        for (var t = new LocalTime(7, 0); t <= new LocalTime(21, 0); t = t.PlusMinutes(15))
        {
            times.Add(t);
        }

        return times.Select(t => date.At(t).InZoneLeniently(zone).ToInstant()).Distinct().ToList();
    }

    /// <summary>How many citizens arrive at each step: a rush when the day 21 days ahead opens at 09:00, the rest through the day.</summary>
    private Dictionary<Instant, int> ArrivalsOf(List<Instant> steps)
    {
        var total = (int)Math.Round((options.ContactsPerYear / 365.0) + options.WishesPerDay);
        var daytime = steps.Where(s => s.InZone(zone).TimeOfDay >= new LocalTime(7, 0)).ToList();
        var rush = daytime.FirstOrDefault(s => s.InZone(zone).TimeOfDay == new LocalTime(9, 0));
        var result = daytime.ToDictionary(s => s, _ => 0);
        for (var i = 0; i < total; i++)
        {
            var at = random.NextDouble() < 0.2 && rush != default ? rush : daytime[random.Next(daytime.Count)];
            result[at]++;
        }

        return result;
    }

    /// <summary>Counts the offers made since <paramref name="since"/> that skipped an older matching wish.</summary>
    private async Task CheckFifoAsync(Instant since, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var violations = await FifoCheck.ViolationsAsync(scope.ServiceProvider.GetRequiredService<TerminagentDb>(), city, since, ct);
        counts.FifoViolations += violations.Count;
        foreach (var violation in violations.Take(Math.Max(0, 5 - counts.FifoExamples.Count)))
        {
            counts.FifoExamples.Add(violation);
        }
    }

    /// <summary>What the engine's workers would have done by this simulated moment: every round that is due.</summary>
    private Task BackgroundRoundAsync(CancellationToken ct) => rounds.RunDueAsync(ct);

    private async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        // One citizen after the other, a millisecond apart: what they create is ordered by its time,
        // never by the random part of a version-7 id, so a seed plays the same every time.
        time.Advance(TimeSpan.FromMilliseconds(1));
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorScope>().ActAs(Actor.Citizen);
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
