using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
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

/// <summary>
/// The counters of all instances on one PostgreSQL database: one INSERT … ON CONFLICT DO UPDATE …
/// RETURNING per request, whatever number of limits apply to it.
/// </summary>
public sealed class PostgresRateCounters(TerminagentDb db) : IRateCounters
{
    public async Task<IReadOnlyDictionary<string, long>> HitAsync(IReadOnlyList<RateHit> hits, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using var command = connection.CreateCommand();
            var rows = new List<string>();
            for (var i = 0; i < hits.Count; i++)
            {
                rows.Add($"(@k{i}, 1, @e{i})");
                Add(command, $"k{i}", hits[i].Key);
                Add(command, $"e{i}", hits[i].ExpiresAt.ToDateTimeUtc());
            }

            command.CommandText =
                $"""
                INSERT INTO rate_counters ("Key", "Count", "ExpiresAt") VALUES {string.Join(", ", rows)}
                ON CONFLICT ("Key") DO UPDATE SET "Count" = rate_counters."Count" + 1
                RETURNING "Key", "Count"
                """;
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }

            return counts;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    public Task PurgeAsync(Instant now, CancellationToken ct) =>
        db.RateCounters.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
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
