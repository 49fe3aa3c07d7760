using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;

namespace Terminagent.Engine.Abuse;

/// <summary>One count in one window: the key names the limit, the client and the window.</summary>
public sealed record RateHit(string Key, Instant ExpiresAt);

/// <summary>Counts requests; returns each key's count including this request.</summary>
public interface IRateCounters
{
    Task<IReadOnlyDictionary<string, long>> HitAsync(IReadOnlyList<RateHit> hits, CancellationToken ct);

    Task PurgeAsync(Instant now, CancellationToken ct);
}

public sealed class RateCounterOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// How often each instance adds its counts to the shared ones in PostgreSQL and learns the
    /// others'; zero writes every request through, as one statement each.
    /// </summary>
    public TimeSpan ShareEvery { get; set; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// The counters of all instances on one PostgreSQL database. Each instance counts in memory and,
/// every <see cref="RateCounterOptions.ShareEvery"/>, adds what it counted to the shared rows in one
/// statement (INSERT … ON CONFLICT DO UPDATE … RETURNING) and learns the totals, others' included.
/// A request is decided by the last known total plus this instance's count since: no database
/// round trip per request, at the price of letting a client spread over several instances exceed
/// a limit by what the other instances counted in one interval.
/// </summary>
public sealed class SharedRateCounters(IServiceScopeFactory scopes, IOptions<RateCounterOptions> options, ILogger<SharedRateCounters> logger)
    : IRateCounters, IAsyncDisposable
{
    private const int RowsPerStatement = 500;

    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim sharing = new(1, 1);
    private readonly Lock gate = new();
    private Task? loop;
    private int disposed;

    public async Task<IReadOnlyDictionary<string, long>> HitAsync(IReadOnlyList<RateHit> hits, CancellationToken ct)
    {
        var every = options.Value.ShareEvery;
        if (every > TimeSpan.Zero)
        {
            lock (gate)
            {
                loop ??= Task.Run(() => ShareRegularlyAsync(every, stopping.Token), CancellationToken.None);
            }
        }

        var counted = hits.Select(h => (Hit: h, Counter: counters.GetOrAdd(h.Key, _ => new Counter(h.ExpiresAt)))).ToList();
        var counts = new Dictionary<string, long>(counted.Count, StringComparer.Ordinal);
        foreach (var (hit, counter) in counted)
        {
            counts[hit.Key] = counter.Hit();
        }

        if (every == TimeSpan.Zero)
        {
            await ShareAsync(ct);
            foreach (var (hit, counter) in counted)
            {
                counts[hit.Key] = counter.Total;
            }
        }

        return counts;
    }

    /// <summary>Adds this instance's counts since the last time to the shared ones, and learns the totals.</summary>
    public async Task ShareAsync(CancellationToken ct)
    {
        await sharing.WaitAsync(ct);
        try
        {
            var batch = new List<(string Key, long Delta, Counter Counter)>();
            foreach (var (key, counter) in counters)
            {
                var delta = counter.StartSharing();
                if (delta > 0)
                {
                    batch.Add((key, delta, counter));
                }
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
                foreach (var rows in batch.Chunk(RowsPerStatement))
                {
                    var totals = await AddAsync(db, rows.Select(r => (r.Key, r.Delta, r.Counter.ExpiresAt)).ToList(), ct);
                    foreach (var (key, delta, counter) in rows)
                    {
                        counter.Shared(delta, totals.TryGetValue(key, out var total) ? total : null);
                    }
                }

                batch.Clear();
            }
            finally
            {
                // What could not be shared is counted again next time.
                foreach (var (_, delta, counter) in batch)
                {
                    counter.NotShared(delta);
                }
            }
        }
        finally
        {
            sharing.Release();
        }
    }

    public async Task PurgeAsync(Instant now, CancellationToken ct)
    {
        foreach (var (key, counter) in counters)
        {
            if (counter.ExpiresAt < now)
            {
                counters.TryRemove(key, out _);
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
        await db.RateCounters.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered under two service types, so disposed twice.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stopping.Dispose();
        sharing.Dispose();
    }

    private async Task ShareRegularlyAsync(TimeSpan every, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await ShareAsync(ct);
                }
                catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException)
                {
                    logger.LogWarning("Rate counts could not be shared ({Error}); this instance counts on alone until they can", ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static async Task<Dictionary<string, long>> AddAsync(TerminagentDb db, IReadOnlyList<(string Key, long Delta, Instant ExpiresAt)> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            var values = new List<string>(rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                values.Add($"(@k{i}, @d{i}, @e{i})");
                Add(command, $"k{i}", rows[i].Key);
                Add(command, $"d{i}", rows[i].Delta);
                Add(command, $"e{i}", rows[i].ExpiresAt.ToDateTimeUtc());
            }

            command.CommandText =
                $"""
                INSERT INTO rate_counters ("Key", "Count", "ExpiresAt") VALUES {string.Join(", ", values)}
                ON CONFLICT ("Key") DO UPDATE SET "Count" = rate_counters."Count" + excluded."Count"
                RETURNING "Key", "Count"
                """;
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                totals[reader.GetString(0)] = reader.GetInt64(1);
            }

            return totals;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// One key's count: the last known shared total, what is on its way to the database, and what was
    /// counted since. Changed together under a lock, so a request never sees a count in flight as
    /// neither pending nor known yet (which let one request too many through).
    /// </summary>
    private sealed class Counter(Instant expiresAt)
    {
        private readonly Lock gate = new();
        private long known;
        private long sharing;
        private long pending;

        public Instant ExpiresAt { get; } = expiresAt;

        public long Total
        {
            get
            {
                lock (gate)
                {
                    return known + sharing + pending;
                }
            }
        }

        public long Hit()
        {
            lock (gate)
            {
                return known + sharing + ++pending;
            }
        }

        public long StartSharing()
        {
            lock (gate)
            {
                var delta = pending;
                sharing += delta;
                pending = 0;
                return delta;
            }
        }

        /// <summary>The database added <paramref name="delta"/> and answered the total, the other instances' counts included.</summary>
        public void Shared(long delta, long? total)
        {
            lock (gate)
            {
                sharing -= delta;
                known = total ?? known + delta;
            }
        }

        public void NotShared(long delta)
        {
            lock (gate)
            {
                sharing -= delta;
                pending += delta;
            }
        }
    }
}

/// <summary>On SQLite the app runs as one instance: counting in memory spares the single writer.</summary>
public sealed class MemoryRateCounters : IRateCounters
{
    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, long>> HitAsync(IReadOnlyList<RateHit> hits, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            var counter = counters.GetOrAdd(hit.Key, _ => new Counter(hit.ExpiresAt));
            counts[hit.Key] = Interlocked.Increment(ref counter.Count);
        }

        return Task.FromResult<IReadOnlyDictionary<string, long>>(counts);
    }

    public Task PurgeAsync(Instant now, CancellationToken ct)
    {
        foreach (var (key, counter) in counters)
        {
            if (counter.ExpiresAt < now)
            {
                counters.TryRemove(key, out _);
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Counter(Instant expiresAt)
    {
        public long Count;

        public Instant ExpiresAt { get; } = expiresAt;
    }
}
