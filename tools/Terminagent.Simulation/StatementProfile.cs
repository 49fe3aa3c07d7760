using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Terminagent.Simulation;

/// <summary>
/// Time spent in each distinct SQL statement, from its start to its reader's end, so that a run
/// can say which statements its time went to (<c>--statement-profile</c>). EF Core measures each
/// part: a reader's execution, then its reading until it is disposed.
/// </summary>
public sealed class StatementProfile : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, Entry> statements = new();

    private sealed class Entry
    {
        public long Count;
        public long Ticks;
    }

    /// <summary>Forgets what was measured so far: the first day's backlog would otherwise hide the days after it.</summary>
    public void Clear() => statements.Clear();

    public IEnumerable<(string Sql, long Count, TimeSpan Total)> Top(int count) =>
        statements.OrderByDescending(s => s.Value.Ticks).Take(count)
            .Select(s => (s.Key, s.Value.Count, TimeSpan.FromTicks(s.Value.Ticks)));

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Add(command, eventData.Duration, executions: 1);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Add(command, eventData.Duration, executions: 1);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Add(command, eventData.Duration, executions: 0);
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Add(command, eventData.Duration, executions: 1);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Add(command, eventData.Duration, executions: 1);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Add(command, eventData.Duration, executions: 1);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Add(command, eventData.Duration, executions: 1);
        return ValueTask.FromResult(result);
    }

    private void Add(DbCommand command, TimeSpan duration, int executions)
    {
        var entry = statements.GetOrAdd(command.CommandText, _ => new Entry());
        Interlocked.Add(ref entry.Count, executions);
        Interlocked.Add(ref entry.Ticks, duration.Ticks);
    }
}
