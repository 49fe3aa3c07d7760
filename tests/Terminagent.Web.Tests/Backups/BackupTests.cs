using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Web.Features.Backups;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Backups;

/// <summary>
/// Nothing is lost when a disk dies: a backup taken while citizens book and leave wishes,
/// restored into a new database, holds every booking and wish committed before it began, and its
/// slots' counts add up. SQLite through the app's own <c>backup</c> and <c>restore</c> commands,
/// PostgreSQL through pg_dump and pg_restore, as the README says to run them.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private const int Writers = 4;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "terminagent-tests", "backup-" + Guid.NewGuid().ToString("N"));

    public BackupTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [DatabaseData]
    public async Task ABackupTakenDuringWrites_RestoresEveryBookingAndWishCommittedBeforeIt(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, cityFile: TestApp.City(AgentKit.OneOffice));
        var committed = new ConcurrentQueue<(Guid Id, bool IsBooking)>();
        using var stop = new CancellationTokenSource();
        var starts = WeekdayStarts(app.Now);
        var writers = Enumerable.Range(0, Writers)
            .Select(w => Task.Run(() => WriteAsync(app, w, starts.Where((_, i) => i % Writers == w).ToList(), committed, stop.Token)))
            .ToList();
        while (committed.Count < 2 * Writers)
        {
            await Task.WhenAny([Task.Delay(10), .. writers]);
            Assert.DoesNotContain(writers, t => t.IsFaulted);
        }

        var before = committed.ToArray();
        var backup = Path.Combine(folder, provider == DatabaseProvider.Sqlite ? "terminagent-backup.db" : "terminagent.dump");
        await BackUpAsync(app.Database, backup);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        await using var restored = await TestDatabase.CreateEmptyAsync(provider);
        await RestoreAsync(backup, restored);

        await using var db = restored.NewContext();
        var bookings = await db.Bookings.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Status);
        var wishes = await db.Wishes.AsNoTracking().ToDictionaryAsync(w => w.Id, w => w.Status);
        Assert.All(before.Where(c => c.IsBooking), c => Assert.Equal(BookingStatus.Confirmed, bookings.GetValueOrDefault(c.Id, BookingStatus.Cancelled)));
        Assert.All(before.Where(c => !c.IsBooking), c => Assert.Equal(WishStatus.Waiting, wishes.GetValueOrDefault(c.Id, WishStatus.Withdrawn)));
        Assert.Contains(before, c => c.IsBooking);
        Assert.Contains(before, c => !c.IsBooking);
        Assert.Empty(await AgentInvariants.SlotViolationsAsync(db));

        // The copy is a moment of the original, not something else: everything in it is there too.
        await using var original = app.NewDb();
        var kept = await original.Bookings.AsNoTracking().Select(b => b.Id).ToListAsync();
        Assert.Subset(kept.ToHashSet(), bookings.Keys.ToHashSet());
    }

    [Fact]
    public async Task Restore_RefusesToReplaceADatabase_WithoutForce_OrWhileItIsOpen()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, cityFile: TestApp.City(AgentKit.OneOffice));
        var kit = new AgentKit(app);
        var booking = await kit.BookAsync(AgentKit.AtBerlin(2026, 12, 2, 9), "erika@example.org");
        var backup = Path.Combine(folder, "backup.db");
        await BackUpAsync(app.Database, backup);
        var again = await Processes.RunAppAsync(["backup", backup], Settings(app.Database));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists already", again.Errors, StringComparison.Ordinal);

        var target = Path.Combine(folder, "restored.db");
        await RestoreAsync(backup, target);
        var settings = new Dictionary<string, string> { ["Database__ConnectionString"] = $"Data Source={target}" };

        var withoutForce = await Processes.RunAppAsync(["restore", backup], settings);
        Assert.Equal(1, withoutForce.ExitCode);
        Assert.Contains("Stop the app", withoutForce.Errors, StringComparison.Ordinal);

        await using (var open = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            await open.OpenAsync();
            await using var read = open.CreateCommand();
            read.CommandText = "SELECT count(*) FROM bookings;";
            await read.ExecuteScalarAsync();
            var inUse = await Processes.RunAppAsync(["restore", backup, BackupCommands.ForceFlag], settings);
            Assert.Equal(1, inUse.ExitCode);
            Assert.Contains("is in use", inUse.Errors, StringComparison.Ordinal);
        }

        var forced = await Processes.RunAppAsync(["restore", backup, BackupCommands.ForceFlag], settings);
        Assert.True(forced.ExitCode == 0, forced.Errors);
        var options = new DbContextOptionsBuilder<TerminagentDb>();
        options.UseTerminagentDatabase(DatabaseProvider.Sqlite, $"Data Source={target};Pooling=False");
        await using var db = new TerminagentDb(options.Options);
        Assert.Equal(BookingStatus.Confirmed, (await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booking)).Status);
    }

    [Fact]
    public async Task OnPostgres_TheCommandsSayToUsePgDump()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Postgres);
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(1, await BackupCommands.BackupAsync(app.Services, ["backup", Path.Combine(folder, "x.db")], output, error));
        Assert.Equal(1, await BackupCommands.RestoreAsync(app.Services, ["restore", Path.Combine(folder, "x.db")], output, error));

        Assert.Contains("back it up with pg_dump", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("with pg_restore", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "x.db")));
    }

    /// <summary>
    /// One citizen after another, as fast as the engine takes them: a booking held and confirmed
    /// in the writer's own slots, then a wish for February registered and confirmed, each recorded
    /// once its last step committed.
    /// </summary>
    private static async Task WriteAsync(TestApp app, int writer, IReadOnlyList<Instant> starts, ConcurrentQueue<(Guid, bool)> committed, CancellationToken stop)
    {
        var kit = new AgentKit(app);
        var wish = AgentKit.Request(earliest: new LocalDate(2027, 2, 1), latest: new LocalDate(2027, 2, 26));
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            if (n < starts.Count)
            {
                committed.Enqueue((await kit.BookAsync(starts[n], $"buchung.w{writer}n{n}@example.org"), true));
            }

            committed.Enqueue((await kit.WishAsync(wish, $"wunsch.w{writer}n{n}@example.org"), false));
        }
    }

    /// <summary>Every bookable start of the one office from the next day on: Monday to Friday, 08:00 to 11:45.</summary>
    private static List<Instant> WeekdayStarts(Instant now)
    {
        var today = now.InZone(AgentKit.Berlin).Date;
        return Enumerable.Range(1, 18)
            .Select(today.PlusDays)
            .Where(d => d.DayOfWeek is not IsoDayOfWeek.Saturday and not IsoDayOfWeek.Sunday)
            .SelectMany(d => Enumerable.Range(0, 16).Select(i => (d + new LocalTime(8, 0).PlusMinutes(15 * i)).InZoneStrictly(AgentKit.Berlin).ToInstant()))
            .ToList();
    }

    private static async Task BackUpAsync(TestDatabase database, string backup)
    {
        var (exit, output, errors) = database.Provider == DatabaseProvider.Sqlite
            ? await Processes.RunAppAsync(["backup", backup], Settings(database))
            : await Processes.RunAsync(PostgresTool("pg_dump"), ["--format=custom", $"--file={backup}"], Libpq(database.ConnectionString));
        Assert.True(exit == 0, $"backup exited with {exit}: {output}{errors}");
        Assert.True(File.Exists(backup));
    }

    private static async Task RestoreAsync(string backup, TestDatabase into)
    {
        if (into.Provider == DatabaseProvider.Sqlite)
        {
            await RestoreAsync(backup, new SqliteConnectionStringBuilder(into.ConnectionString).DataSource);
            return;
        }

        var (exit, output, errors) = await Processes.RunAsync(
            PostgresTool("pg_restore"), ["--exit-on-error", "--no-owner", $"--dbname={new NpgsqlConnectionStringBuilder(into.ConnectionString).Database}", backup], Libpq(into.ConnectionString));
        Assert.True(exit == 0, $"pg_restore exited with {exit}: {output}{errors}");
    }

    private static async Task RestoreAsync(string backup, string file)
    {
        var (exit, output, errors) = await Processes.RunAppAsync(
            ["restore", backup, BackupCommands.ForceFlag], new() { ["Database__ConnectionString"] = $"Data Source={file}" });
        Assert.True(exit == 0, $"restore exited with {exit}: {output}{errors}");
    }

    private static Dictionary<string, string> Settings(TestDatabase database) => new()
    {
        ["Database__Provider"] = database.Provider.ToString(),
        ["Database__ConnectionString"] = database.ConnectionString,
    };

    /// <summary>The server's connection as libpq's environment variables, which pg_dump and pg_restore read.</summary>
    private static Dictionary<string, string> Libpq(string connectionString)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = npgsql.Host!,
            ["PGPORT"] = npgsql.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = npgsql.Username!,
            ["PGDATABASE"] = npgsql.Database!,
        };
        if (npgsql.Password is { } password)
        {
            environment["PGPASSWORD"] = password;
        }

        return environment;
    }

    /// <summary>A client program of the newest PostgreSQL installed (scripts/test.sh installs one): at least as new as the server, as pg_dump requires.</summary>
    private static string PostgresTool(string name) =>
        Directory.GetDirectories("/usr/lib/postgresql")
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
            .Select(d => Path.Combine(d, "bin", name))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed under /usr/lib/postgresql/*/bin: scripts/test.sh installs PostgreSQL.");
}
