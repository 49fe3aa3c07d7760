using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Agent;

namespace Terminagent.Benchmarks;

/// <summary>
/// Matching one freed slot: <see cref="AgentEngine.OldestWaitingAsync"/>, the production query over
/// wish_targets, against a database holding this many active wishes of the demo city.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class MatchingBenchmarks
{
    // The seeded database of the last parameters, kept for the next benchmark with the same ones
    // (BenchmarkDotNet runs the methods of one parameter set one after another) and deleted at exit.
    private static (DatabaseProvider Provider, int Wishes, BenchDatabase Database)? seeded;

    private TerminagentDb? db;
    private FreedSlot[] slots = [];
    private FreedSlot noMatch = null!;
    private int next;

    [Params(1_000, 10_000, 30_000, 100_000, 300_000)]
    public int Wishes { get; set; }

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    /// <summary>SQLite always; PostgreSQL too when TERMINAGENT_BENCH_POSTGRES names a server.</summary>
    public static IEnumerable<DatabaseProvider> Providers =>
        BenchDatabase.PostgresServer is null ? [DatabaseProvider.Sqlite] : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var city = DemoCity.Load();
        var now = DemoCity.ReleaseMorning;
        var database = await SeededAsync(city, now);
        slots = MatchQueries.Random(city, now, 4096);
        noMatch = MatchQueries.NoMatch(city, now);

        // One context with an open connection, as the agent has inside its transaction.
        db = database.NewContext();
        await db.Database.OpenConnectionAsync();
        var hits = 0;
        foreach (var slot in slots.Take(256))
        {
            hits += await MatchAsync(slot) is null ? 0 : 1;
        }

        Console.WriteLine($"// {hits} of the first 256 random freed slots have a matching wish");
        if (await MatchAsync(noMatch) is not null)
        {
            throw new InvalidOperationException($"{noMatch} was meant to match no wish.");
        }
    }

    [Benchmark(Description = "match a random freed slot")]
    public Task<(Guid WishId, Instant RegisteredAt)?> RandomFreedSlot() => MatchAsync(slots[next++ & (slots.Length - 1)]);

    [Benchmark(Description = "worst case: no wish matches")]
    public Task<(Guid WishId, Instant RegisteredAt)?> NoWishMatches() => MatchAsync(noMatch);

    private async Task<BenchDatabase> SeededAsync(City city, Instant now)
    {
        if (seeded is { } s && s.Provider == Provider && s.Wishes == Wishes)
        {
            Console.WriteLine($"// {s.Database.Description}, seeded before with {Wishes} wishes");
            return s.Database;
        }

        if (seeded is { } old)
        {
            await old.Database.DisposeAsync();
        }
        else
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => seeded?.Database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        seeded = null;
        var database = await BenchDatabase.CreateAsync(Provider);
        Console.WriteLine($"// {database.Description}");
        try
        {
            WishSeeder.Seed(Provider, database.ConnectionString, new WishGenerator(city, now).Generate(Wishes), Wishes);
        }
        catch
        {
            // Never measure an empty database as if it held the wishes.
            await database.DisposeAsync();
            throw;
        }

        seeded = (Provider, Wishes, database);
        return database;
    }

    private Task<(Guid WishId, Instant RegisteredAt)?> MatchAsync(FreedSlot slot) =>
        AgentEngine.OldestWaitingAsync(db!, slot.ServiceId, slot.OfficeId, slot.Start, slot.End, exceptWish: null, CancellationToken.None);

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        if (db is not null)
        {
            await db.DisposeAsync();
        }
    }
}
