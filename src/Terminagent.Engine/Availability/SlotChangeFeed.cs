using System.Collections.Concurrent;
using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Terminagent.Data;
using Terminagent.Engine.Database;

namespace Terminagent.Engine.Availability;

/// <summary>
/// What the database says changed in the slots, for <see cref="FreePlaceIndex"/>. Triggers of the
/// migrations write it for every writer: a changed slot row, and a hold that ended (confirmed,
/// expired, cancelled), name their slots. PostgreSQL sends them with NOTIFY at commit, to every
/// instance at once; SQLite, one instance on one file, logs them to a table read before each use.
/// </summary>
public abstract class SlotChangeFeed
{
    /// <summary>The channel of PostgreSQL's NOTIFY; the payload is a slot id, or "*" for "read everything".</summary>
    public const string Channel = "terminagent_slots";

    internal static SlotChangeFeed For(DatabaseOptions database, IServiceScopeFactory scopes, FreePlaceIndex index, ILoggerFactory loggers) =>
        database.Provider == DatabaseProvider.Postgres
            ? new PostgresSlotFeed(database.ConnectionString, scopes, index, loggers.CreateLogger<PostgresSlotFeed>())
            : new SqliteSlotFeed(scopes, index);

    /// <summary>Starts following the changes; the index reads everything only after this returns.</summary>
    public abstract Task StartAsync(CancellationToken ct);

    /// <summary>
    /// Brings the index up to every change committed before this call, where that is cheap
    /// (SQLite) or <paramref name="mustWait"/>.
    /// </summary>
    public abstract Task CatchUpAsync(bool mustWait, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    protected static async Task<T> WithConnectionAsync<T>(IServiceScopeFactory scopes, Func<TerminagentDb, DbConnection, Task<T>> use, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await use(db, connection);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// LISTEN on a connection of its own; notifications are applied in the order they came, many at
/// once in a rush. A lost connection is opened again, and everything read again, since what changed
/// meanwhile is unknown.
/// </summary>
internal sealed class PostgresSlotFeed(string connectionString, IServiceScopeFactory scopes, FreePlaceIndex index, ILogger<PostgresSlotFeed> logger) : SlotChangeFeed, IAsyncDisposable
{
    private const string Everything = "*";
    private const string BarrierPrefix = "sync:";

    private readonly Channel<string> notes = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource> barriers = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Task? loops;

    // Completed while the feed listens; a fresh one while it does not. A read that must be current
    // asks the listener to try again at once instead of waiting out its back-off.
    private TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource tryAgainNow = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StartAsync(CancellationToken ct)
    {
        lock (gate)
        {
            loops ??= Task.WhenAll(Task.Run(() => ListenAsync(stopping.Token), CancellationToken.None), Task.Run(() => ApplyAsync(stopping.Token), CancellationToken.None));
        }

        // While the database cannot be reached the index cannot start; a read fails, as any would.
        await Listening().WaitAsync(TimeSpan.FromSeconds(15), ct);
    }

    public override async Task CatchUpAsync(bool mustWait, CancellationToken ct)
    {
        if (!mustWait)
        {
            return;
        }

        // Without the feed nothing can be caught up with: the listener tries again now, and a read
        // that cannot wait for it fails as a read of an unreachable database does (a timeout).
        var connected = Listening();
        if (!connected.IsCompleted)
        {
            lock (gate)
            {
                tryAgainNow.TrySetResult();
            }

            await connected.WaitAsync(TimeSpan.FromSeconds(5), ct);
        }

        // A notification of our own, sent after everything committed so far: the database delivers
        // notifications in commit order, so once it is applied, so is all before it.
        var barrier = BarrierPrefix + Guid.NewGuid().ToString("N");
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        barriers[barrier] = applied;
        try
        {
            await WithConnectionAsync(scopes, async (db, _) => await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {barrier})", ct), ct);
            await applied.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        finally
        {
            barriers.TryRemove(barrier, out _);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loops is not null)
        {
            try
            {
                await loops;
            }
            catch (OperationCanceledException)
            {
            }
        }

        stopping.Dispose();
    }

    private Task Listening()
    {
        lock (gate)
        {
            return listening.Task;
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 };
        var backoff = TimeSpan.FromSeconds(1);
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, e) => notes.Writer.TryWrite(e.Payload);
                await connection.OpenAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                if (!first)
                {
                    logger.LogWarning("The free-place index listens to the database again; it reads every slot anew");
                    notes.Writer.TryWrite(Everything);
                }

                first = false;
                backoff = TimeSpan.FromSeconds(1);
                lock (gate)
                {
                    listening.TrySetResult();
                }

                try
                {
                    while (true)
                    {
                        await connection.WaitAsync(ct);
                    }
                }
                finally
                {
                    lock (gate)
                    {
                        listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning("The free-place index lost its change feed ({Error}); free times may be stale until it is back", ex.Message);
                Task tryAgain;
                lock (gate)
                {
                    tryAgainNow = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    tryAgain = tryAgainNow.Task;
                }

                try
                {
                    await Task.WhenAny(Task.Delay(backoff, ct), tryAgain);
                    ct.ThrowIfCancellationRequested();
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task ApplyAsync(CancellationToken ct)
    {
        try
        {
            while (await notes.Reader.WaitToReadAsync(ct))
            {
                var ids = new HashSet<long>();
                var everything = false;
                var reached = new List<string>();
                while (notes.Reader.TryRead(out var note))
                {
                    if (note == Everything)
                    {
                        everything = true;
                    }
                    else if (note.StartsWith(BarrierPrefix, StringComparison.Ordinal))
                    {
                        reached.Add(note);
                    }
                    else if (long.TryParse(note, out var id))
                    {
                        ids.Add(id);
                    }
                }

                Exception? failed = null;
                try
                {
                    await index.ApplyAsync(everything, ids, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failed = ex;
                    logger.LogWarning("The free-place index could not read {Count} changed slots ({Error}); it reads everything again", ids.Count, ex.Message);
                    notes.Writer.TryWrite(Everything);
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }

                foreach (var barrier in reached)
                {
                    if (barriers.TryGetValue(barrier, out var applied))
                    {
                        _ = failed is null ? applied.TrySetResult() : applied.TrySetException(failed);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}

/// <summary>
/// Reads the table the triggers fill, from the last change it saw on, before each use: SQLite is a
/// local file, so that costs microseconds. A gap in the sequence (the table was pruned past us) means
/// reading everything.
/// </summary>
internal sealed class SqliteSlotFeed(IServiceScopeFactory scopes, FreePlaceIndex index) : SlotChangeFeed, IAsyncDisposable
{
    /// <summary>Changes kept for an instance that fell behind; older ones are deleted now and then.</summary>
    private const long ChangesKept = 10_000;

    private readonly SemaphoreSlim reading = new(1, 1);
    private long seen;
    private long prunedUpTo;

    public override async Task StartAsync(CancellationToken ct) =>
        seen = await WithConnectionAsync(scopes, async (_, connection) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT coalesce(max("Seq"), 0) FROM slot_changes""";
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }, ct);

    public override async Task CatchUpAsync(bool mustWait, CancellationToken ct)
    {
        await reading.WaitAsync(ct);
        try
        {
            var changes = await WithConnectionAsync(scopes, async (_, connection) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """SELECT "Seq", "SlotId" FROM slot_changes WHERE "Seq" > $seen ORDER BY "Seq" """;
                var parameter = command.CreateParameter();
                parameter.ParameterName = "$seen";
                parameter.Value = seen;
                command.Parameters.Add(parameter);
                var read = new List<(long Seq, long SlotId)>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    read.Add((reader.GetInt64(0), reader.GetInt64(1)));
                }

                return read;
            }, ct);
            if (changes.Count == 0)
            {
                return;
            }

            var gap = changes[0].Seq != seen + 1;
            await index.ApplyAsync(gap, changes.Select(c => c.SlotId).ToHashSet(), ct);
            seen = changes[^1].Seq;
            if (seen - prunedUpTo > 2 * ChangesKept)
            {
                prunedUpTo = seen - ChangesKept;
                await WithConnectionAsync(scopes, async (db, _) => await db.Database.ExecuteSqlAsync($"""DELETE FROM slot_changes WHERE "Seq" <= {prunedUpTo}""", ct), ct);
            }
        }
        finally
        {
            reading.Release();
        }
    }

    public override ValueTask DisposeAsync()
    {
        reading.Dispose();
        return ValueTask.CompletedTask;
    }
}
