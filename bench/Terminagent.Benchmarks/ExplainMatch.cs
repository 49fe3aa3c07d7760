using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Terminagent.Data;
using Terminagent.Engine.Agent;

namespace Terminagent.Benchmarks;

/// <summary>
/// Shows how the database answers the production matching query: the SQL EF Core sends, the
/// engine's plan for it, and the time of each of many single matches (median, p95, p99, max), a
/// per-call distribution BenchmarkDotNet's per-iteration statistics do not give.
/// </summary>
public static class ExplainMatch
{
    public static async Task<int> RunAsync(string[] args)
    {
        var wishes = 300_000;
        var provider = DatabaseProvider.Sqlite;
        var keep = false;
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
                case "--keep":
                    keep = true;
                    break;
                default:
                    Console.Error.WriteLine($"explain: unknown argument '{args[i]}'; use [--wishes 300000] [--postgres] [--keep]");
                    return 2;
            }
        }

        var city = DemoCity.Load();
        var now = DemoCity.ReleaseMorning;
        var database = await BenchDatabase.CreateAsync(provider);
        await using var drop = keep ? null : database;
        Console.WriteLine($"explain: {wishes} wishes, {database.Description}{(keep ? " (kept afterwards, to try other indexes on)" : "")}");
        WishSeeder.Seed(provider, database.ConnectionString, new WishGenerator(city, now).Generate(wishes), wishes);

        var capture = new CaptureCommand();
        var options = new DbContextOptionsBuilder<TerminagentDb>();
        options.UseTerminagentDatabase(provider, database.ConnectionString).AddInterceptors(capture);
        await using var db = new TerminagentDb(options.Options);
        await db.Database.OpenConnectionAsync();

        foreach (var slot in new[] { MatchQueries.Random(city, now, 1)[0], MatchQueries.NoMatch(city, now) })
        {
            var match = await AgentEngine.OldestWaitingAsync(db, slot.ServiceId, slot.OfficeId, slot.Start, slot.End, null, CancellationToken.None);
            Console.WriteLine();
            Console.WriteLine($"-- {slot}: {(match is { } m ? $"wish {m.WishId} registered {m.RegisteredAt}" : "no wish")}");
            Console.WriteLine(capture.Sql);
            Console.WriteLine("-- plan:");
            foreach (var line in await ExplainAsync(db, provider, capture))
            {
                Console.WriteLine("   " + line);
            }
        }

        Console.WriteLine();
        foreach (var (name, slots) in new[] { ("random freed slots", MatchQueries.Random(city, now, 4096)), ("no wish matches", Enumerable.Repeat(MatchQueries.NoMatch(city, now), 1000).ToArray()) })
        {
            var times = new double[slots.Length];
            for (var i = 0; i < slots.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                await AgentEngine.OldestWaitingAsync(db, slots[i].ServiceId, slots[i].OfficeId, slots[i].Start, slots[i].End, null, CancellationToken.None);
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            double At(double q) => times[Math.Min(times.Length - 1, (int)(q * times.Length))];
            Console.WriteLine($"{name,-20} {slots.Length,5} single matches: mean {times.Average():F3} ms, median {At(0.5):F3} ms, p95 {At(0.95):F3} ms, p99 {At(0.99):F3} ms, max {times[^1]:F3} ms");
        }

        return 0;
    }

    private static async Task<List<string>> ExplainAsync(TerminagentDb db, DatabaseProvider provider, CaptureCommand capture)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ") + capture.Sql;
        foreach (var (name, value) in capture.Parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // SQLite: id, parent, notused, detail; PostgreSQL: one text column.
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return lines;
    }

    /// <summary>Keeps the last command EF Core ran, with its parameters.</summary>
    private sealed class CaptureCommand : DbCommandInterceptor
    {
        public string Sql { get; private set; } = "";

        public List<(string Name, object? Value)> Parameters { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sql = command.CommandText;
            Parameters.Clear();
            Parameters.AddRange(command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
